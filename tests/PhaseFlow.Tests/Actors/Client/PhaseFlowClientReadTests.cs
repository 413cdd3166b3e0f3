using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using PhaseFlow.Actors.Client;
using PhaseFlow.Contracts.Queries;
using Xunit;

namespace PhaseFlow.Tests.Actors.Client;

/// <summary>A task read while the cluster is unsettled gives up soon with "try again"; in a settled cluster it waits for the task as before.</summary>
public sealed class PhaseFlowClientReadTests : Akka.TestKit.Xunit2.TestKit
{
    public PhaseFlowClientReadTests()
        : base(ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.actor.provider = local"))
    {
    }

    [Fact]
    public async Task GetStatusAsync_UnsettledClusterAndNoAnswer_GivesUpWithTaskUnavailableLongBeforeTheAskTimeout()
    {
        var askTimeout = TimeSpan.FromSeconds(30);
        var unrest = new ClusterUnrest(TimeProvider.System);
        unrest.Changed();
        var region = CreateTestProbe();
        var client = new PhaseFlowClient(region.Ref, askTimeout) { Unrest = unrest };

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<TaskUnavailableException>(() => client.GetStatusAsync("moving-1"));

        Assert.True(clock.Elapsed < askTimeout / 2, $"the read took {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Contains("may be moving to another node; try again", error.Message, StringComparison.Ordinal);
        Assert.Equal("moving-1", region.ExpectMsg<GetTaskStatus>().TaskId);
    }

    [Fact]
    public async Task GetStatusAsync_SettledClusterAndNoAnswer_WaitsForTheAskTimeout()
    {
        var region = CreateTestProbe();
        var client = new PhaseFlowClient(region.Ref, TimeSpan.FromSeconds(2)) { Unrest = new ClusterUnrest(TimeProvider.System) };

        await Assert.ThrowsAsync<AskTimeoutException>(() => client.GetStatusAsync("settled-1"));
        region.ExpectMsg<GetTaskStatus>();
    }
}
