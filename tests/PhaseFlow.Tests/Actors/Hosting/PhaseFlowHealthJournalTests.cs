using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using PhaseFlow.Actors.Hosting;
using PhaseFlow.Actors.Persistence;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Actors.Hosting;

/// <summary>The health check of a node that joined but whose journal hangs or fails: never "ready".</summary>
public sealed class PhaseFlowHealthJournalTests : IDisposable
{
    private readonly TestDatabase _database = new();

    [Fact]
    public async Task Check_JournalDoesNotAnswer_IsStartingAndSaysTheJournalDidNotAnswerInTime()
    {
        var report = await CheckJoinedNodeWith(StubJournals.Silent, TimeSpan.FromMilliseconds(500));

        Assert.Equal(PhaseFlowHealth.Starting, report.Status);
        Assert.Equal("the journal did not answer within 0.5 s", report.Detail);
    }

    [Fact]
    public async Task Check_JournalFailsEveryRead_IsStartingAndSaysWhy()
    {
        var report = await CheckJoinedNodeWith(StubJournals.Broken, TimeSpan.FromSeconds(5));

        Assert.Equal(PhaseFlowHealth.Starting, report.Status);
        Assert.Equal("the journal could not be read: disk I/O error (stub journal)", report.Detail);
    }

    public void Dispose() => _database.Dispose();

    private async Task<PhaseFlow.Contracts.Http.HealthReport> CheckJoinedNodeWith(Config journal, TimeSpan timeout)
    {
        var config = journal
            .WithFallback(ConfigurationFactory.ParseString("akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }\nakka.loglevel = WARNING"))
            .WithFallback(_database.Storage.ToConfig())
            .WithFallback(PhaseFlowHocon.Load());
        using var system = ActorSystem.Create("phaseflow", config);
        var health = new PhaseFlowHealth(system, timeout);
        var cluster = Cluster.Get(system);
        var up = new TaskCompletionSource();
        cluster.RegisterOnMemberUp(() => up.SetResult());
        cluster.Join(cluster.SelfAddress);
        await up.Task.WaitAsync(TimeSpan.FromSeconds(20));
        try
        {
            return await health.CheckAsync(CancellationToken.None);
        }
        finally
        {
            await system.Terminate();
        }
    }
}
