using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PhaseFlow.Actors.Client;
using PhaseFlow.Actors.Hosting;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Actors.Hosting;

/// <summary>A whole node as the host builds it: one-node cluster, sharding with remember-entities, SQLite.</summary>
public sealed class ShardedNodeTests(ITestOutputHelper output) : PhaseFlowTestKit(output)
{
    [Fact]
    public async Task Node_AbortedMidTask_RestartedNodeResumesTheTaskWithoutAnyMessage()
    {
        var script = new Script(Runs, phases: 4);
        var gate = script.Close(GatePoint.AfterEffect, 2);
        var first = await StartNode();
        var client = first.Services.GetRequiredService<IPhaseFlowClient>();
        Assert.IsType<TaskSubmitted>(await client.SubmitAsync(new SubmitTask("remembered", ScriptedTask.Name, script.InputJson)));
        await gate.Reached.WaitAsync(Patience);

        await Abort(first);
        script.OpenAll();
        using var second = await StartNode();

        // Nobody sends the task anything: its shard remembers it and starts it, and it carries on from phase 2.
        await AwaitAssertAsync(() => Assert.Equal(1, Runs.Count("run 3")), TimeSpan.FromSeconds(40), TimeSpan.FromMilliseconds(50));

        // The last phase wrote its line before its completion was stored: the task succeeds a moment later.
        var secondClient = second.Services.GetRequiredService<IPhaseFlowClient>();
        await AwaitAssertAsync(
            async () => Assert.Equal(TaskLifecycleState.Succeeded, (await secondClient.GetStatusAsync("remembered"))?.State),
            Patience,
            TimeSpan.FromMilliseconds(50));
        Assert.Equal([1, 1, 2, 1], Enumerable.Range(0, 4).Select(i => Runs.Count($"run {i}")));
    }

    [Fact]
    public async Task Passivation_CommandsArriveAfterTheActorAskedToPassivate_NoneIsLostAndNoTaskIsOrphaned()
    {
        using var host = await StartNode();
        var region = host.Services.GetRequiredService<Akka.Hosting.ActorRegistry>().Get<PhaseFlow.Actors.Sharding.TaskRegion>();
        var scripts = Enumerable.Range(0, 40).Select(_ => new Script(Runs, phases: 2)).ToList();

        // A status query for an id nothing was submitted under makes its actor ask to passivate at once; the submission
        // right behind it reaches the actor before the shard stops it, and must still be carried out in full.
        var submissions = scripts.Select((script, i) =>
        {
            var id = $"burst-{i}";
            region.Tell(new PhaseFlow.Contracts.Queries.GetTaskStatus(id));
            return region.Ask<ICommandReply>(new SubmitTask(id, ScriptedTask.Name, script.InputJson), TimeSpan.FromSeconds(20));
        }).ToList();
        var replies = await Task.WhenAll(submissions);

        Assert.All(replies, r => Assert.IsType<TaskSubmitted>(r));

        // Nothing asks the tasks anything now (a query would wake an orphan): each must finish by itself.
        await AwaitAssertAsync(() => Assert.Equal(scripts.Count, Runs.Count("run 1")), TimeSpan.FromSeconds(40), TimeSpan.FromMilliseconds(100));
        Assert.Equal(scripts.Count, Runs.Count("run 0"));
    }

    [Fact]
    public async Task Node_InvalidOptions_FailsAtStartWithAClearMessage()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddPhaseFlow(o =>
        {
            o.SqlitePath = Path.Combine(Database.Folder, "node.db");
            o.AkkaPort = 70000;
            o.SeedNodes = ["akka.tcp://other@127.0.0.1:1"];
        });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("AkkaPort must be between 0 and 65535", error.Message, StringComparison.Ordinal);
        Assert.Contains("names actor system 'other'; PhaseFlow's actor system is 'phaseflow'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_MaxConcurrentRecoveriesOutOfRange_FailsAtStartSayingWhatIsAllowed()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddPhaseFlow(o =>
        {
            o.SqlitePath = Path.Combine(Database.Folder, "node.db");
            o.MaxConcurrentRecoveries = 0;
        });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("MaxConcurrentRecoveries must be between 1 and 10000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_MaxConcurrentRecoveries_IsTheLimitTheActorSystemRecoversWith()
    {
        using var host = await StartNode(o => o.MaxConcurrentRecoveries = 7);

        var system = host.Services.GetRequiredService<ActorSystem>();
        Assert.Equal(7, system.Settings.Config.GetInt("akka.persistence.max-concurrent-recoveries"));
    }

    [Fact]
    public async Task Node_DefaultOptions_RecoversFiftyTasksAtOnce()
    {
        using var host = await StartNode();

        var system = host.Services.GetRequiredService<ActorSystem>();
        Assert.Equal(50, system.Settings.Config.GetInt("akka.persistence.max-concurrent-recoveries"));
    }

    private async Task<IHost> StartNode(Action<PhaseFlowOptions>? configure = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddPhaseFlow(o =>
            {
                o.SqlitePath = Path.Combine(Database.Folder, "node.db");
                o.AkkaPort = 0;
                configure?.Invoke(o);
            })
            .AddTask(new ScriptedTask());
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task Abort(IHost host)
    {
        var system = host.Services.GetRequiredService<ActorSystem>();
        ((ExtendedActorSystem)system).Abort();
        await system.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(30));
        host.Dispose();
    }
}
