using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PhaseFlow.Actors.Client;
using PhaseFlow.Actors.Hosting;
using PhaseFlow.Actors.Sharding;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Actors.Hosting;

/// <summary>
/// A task waiting for a retry leaves memory: it records a wake-up in the database and passivates; the node's waker brings
/// it back when the retry is due, in the same node's life or after a restart.
/// </summary>
public sealed class WaitingTaskSleepTests(ITestOutputHelper output) : PhaseFlowTestKit(output)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task RetryDueLater_TaskLeavesMemoryAndIsWokenWhenDue()
    {
        var script = FailsOnceThenRetries();
        using var host = await StartNode();
        var client = host.Services.GetRequiredService<IPhaseFlowClient>();
        Assert.IsType<TaskSubmitted>(await client.SubmitAsync(new SubmitTask("sleeper", ScriptedTask.Name, script.InputJson)));

        // Asleep: the shard holds no actor for the task, and its wake-up is in the table.
        await AwaitAssertAsync(() => Assert.Single(WakeUps()), Patience, TimeSpan.FromMilliseconds(50));
        var retryAt = RetryAt("sleeper");
        Assert.InRange(WakeUps().Single().DueUnixMs - retryAt.ToUnixTimeMilliseconds(), 0, 1);
        await AwaitAssertAsync(async () => Assert.DoesNotContain("sleeper", await LiveEntities(host)), Patience, TimeSpan.FromMilliseconds(50));
        Assert.Equal(1, Runs.Count("run 0"));

        // Woken by the node (nothing asks the task anything), not before the retry is due.
        await AwaitAssertAsync(() => Assert.Equal(1, Runs.Count("run 1")), Patience, TimeSpan.FromMilliseconds(50));
        Assert.Equal(2, Runs.Count("run 0"));
        Assert.True(SecondAttemptStartedAt("sleeper") >= retryAt, "The second attempt started before its retry was due.");
        await AwaitAssertAsync(() => Assert.Empty(WakeUps()), Patience, TimeSpan.FromMilliseconds(50));
        await AwaitAssertAsync(
            async () => Assert.Equal(TaskLifecycleState.Succeeded, (await client.GetStatusAsync("sleeper"))?.State),
            Patience,
            TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task RetryDueLater_NodeAbortedWhileTheTaskSleeps_RestartedNodeWakesItWhenDue()
    {
        var script = FailsOnceThenRetries();
        var first = await StartNode();
        var client = first.Services.GetRequiredService<IPhaseFlowClient>();
        Assert.IsType<TaskSubmitted>(await client.SubmitAsync(new SubmitTask("sleeper", ScriptedTask.Name, script.InputJson)));
        await AwaitAssertAsync(async () => Assert.DoesNotContain("sleeper", await LiveEntities(first)), Patience, TimeSpan.FromMilliseconds(50));
        Assert.Single(WakeUps());

        await Abort(first);
        using var second = await StartNode();

        // Passivated before the crash, so its shard does not remember it: only the wake-up brings it back.
        await AwaitAssertAsync(() => Assert.Equal(1, Runs.Count("run 1")), Patience, TimeSpan.FromMilliseconds(50));
        Assert.Equal(2, Runs.Count("run 0"));
        Assert.True(SecondAttemptStartedAt("sleeper") >= RetryAt("sleeper"), "The second attempt started before its retry was due.");
        await AwaitAssertAsync(() => Assert.Empty(WakeUps()), Patience, TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task SleepingTask_CancelledBeforeItsRetry_RevertsAtOnceAndTheLaterWakeChangesNothing()
    {
        var script = FailsOnceThenRetries();
        using var host = await StartNode();
        var client = host.Services.GetRequiredService<IPhaseFlowClient>();
        Assert.IsType<TaskSubmitted>(await client.SubmitAsync(new SubmitTask("sleeper", ScriptedTask.Name, script.InputJson)));
        await AwaitAssertAsync(async () => Assert.DoesNotContain("sleeper", await LiveEntities(host)), Patience, TimeSpan.FromMilliseconds(50));

        // The cancel starts the sleeping task through its shard; it reverts without waiting for the wake-up.
        Assert.IsType<CommandAccepted>(await client.CancelAsync("sleeper"));
        await AwaitAssertAsync(
            async () => Assert.Equal(TaskLifecycleState.Reverted, (await client.GetStatusAsync("sleeper"))?.State),
            Patience,
            TimeSpan.FromMilliseconds(50));

        // The wake-up still fires at its time; the task answers it and runs nothing.
        await AwaitAssertAsync(() => Assert.Empty(WakeUps()), Patience, TimeSpan.FromMilliseconds(50));
        Assert.Equal(1, Runs.Count("run 0"));
        Assert.Equal(0, Runs.Count("run 1"));
    }

    [Fact]
    public async Task SignalWait_TaskLeavesMemoryAndTheSignalBringsItBackToFinish()
    {
        using var host = await StartNode();
        var client = host.Services.GetRequiredService<IPhaseFlowClient>();
        Assert.IsType<TaskSubmitted>(await client.SubmitAsync(new SubmitTask("listener", WaitsForGo.Name, "{}")));

        // Nothing is due, so no wake-up is stored: only the signal (a command, delivered through sharding) ends the wait.
        await AwaitAssertAsync(async () => Assert.DoesNotContain("listener", await LiveEntities(host)), Patience, TimeSpan.FromMilliseconds(50));
        Assert.Empty(WakeUps());

        Assert.IsType<CommandAccepted>(await client.SignalAsync("listener", "go", "{\"n\":1}"));
        await AwaitAssertAsync(
            async () => Assert.Equal(TaskLifecycleState.Succeeded, (await client.GetStatusAsync("listener"))?.State),
            Patience,
            TimeSpan.FromMilliseconds(50));
        Assert.Equal("{\"n\":1}", (await client.GetStatusAsync("listener"))!.Phases[0].OutputJson);
    }

    private Script FailsOnceThenRetries() => new(Runs, phases: 2)
    {
        Failure = (index, attempt) => index == 0 && attempt == 1 ? new InvalidOperationException("first attempt fails") : null,
        Retry = RetryPolicy.Exponential(2, RetryDelay),
    };

    private async Task<IHost> StartNode()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddPhaseFlow(o =>
            {
                o.SqlitePath = Path.Combine(Database.Folder, "node.db");
                o.AkkaPort = 0;
                o.SleepAfter = TimeSpan.FromSeconds(1);
            })
            .AddTask(new ScriptedTask())
            .AddTask(new WaitsForGo());
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<IReadOnlySet<string>> LiveEntities(IHost host)
    {
        var region = host.Services.GetRequiredService<ActorRegistry>().Get<TaskRegion>();
        var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(10));
        return state.Shards.SelectMany(s => s.EntityIds).ToHashSet();
    }

    private List<(string TaskId, long DueUnixMs)> WakeUps()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(Database.Folder, "node.db"), Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT task_id, due_at FROM task_wakeup";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, long)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return rows;
    }

    private DateTimeOffset RetryAt(string taskId) =>
        Rows(taskId).Single(r => r.Manifest == "E-PAF").Event.GetProperty("retryAt").GetDateTimeOffset();

    private DateTimeOffset SecondAttemptStartedAt(string taskId) =>
        Rows(taskId).Where(r => r.Manifest == "E-PS" && r.Index == 0).Select(r => r.Event).Single(e => e.GetProperty("attempt").GetInt32() == 2).GetProperty("at").GetDateTimeOffset();

    private IReadOnlyList<JournalRow> Rows(string taskId) =>
        JournalReader.Sqlite(Path.Combine(Database.Folder, "node.db")).Read($"task-{taskId}");

    private static async Task Abort(IHost host)
    {
        var system = host.Services.GetRequiredService<ActorSystem>();
        ((ExtendedActorSystem)system).Abort();
        await system.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(30));
        host.Dispose();
    }

    /// <summary>A task that waits for the signal "go", then ends.</summary>
    private sealed class WaitsForGo : TaskDefinition<object>
    {
        public const string Name = "waits-for-go";

        public override string TypeName => Name;

        protected override IEnumerable<Phase> Plan(object input, PlanContext plan)
        {
            yield return Phase.WaitForSignal("wait", "go");
        }
    }
}
