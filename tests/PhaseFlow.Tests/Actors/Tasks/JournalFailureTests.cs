using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.TestKit;
using PhaseFlow.Actors.Tasks;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Queries;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Actors.Tasks;

/// <summary>The journal refuses writes (Akka.Persistence.TestKit's test journal): nothing unstored is ever reported, and the task carries on once writes work again.</summary>
public sealed class JournalFailureTests(ITestOutputHelper output) : PhaseFlowTestKit(output)
{
    private static readonly Config TestJournalConfig = ConfigurationFactory.FromResource<TestJournal>("Akka.Persistence.TestKit.config.conf");

    [Fact]
    public async Task Submit_JournalDown_ReportsNoSuccessAndStoresNothing()
    {
        await using var node = TaskNode.Start(Database, extra: TestJournalConfig);
        var journal = TestJournal.FromRef(Persistence.Instance.Apply(node.System).JournalFor(null));
        var script = new Script(Runs, phases: 2);
        await journal.OnWrite.Fail();

        var submit = node.Task("down").Ask<PhaseFlow.Contracts.Commands.ICommandReply>(
            new PhaseFlow.Contracts.Commands.SubmitTask("down", ScriptedTask.Name, script.InputJson), TimeSpan.FromSeconds(2));

        await Assert.ThrowsAsync<AskTimeoutException>(() => submit);
        await journal.OnWrite.Pass();
        node.Forget("down");
        Assert.IsType<TaskNotFound>(await node.Task("down").Ask<IWithTaskId>(new GetTaskStatus("down")));
        Assert.DoesNotContain(Runs.Lines(), l => l.StartsWith("run ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PhaseCompletion_JournalDown_IsNotReportedAndThePhaseRunsAgainOnceTheJournalWorks()
    {
        await using var node = TaskNode.Start(Database, extra: TestJournalConfig);
        var journal = TestJournal.FromRef(Persistence.Instance.Apply(node.System).JournalFor(null));
        var script = new Script(Runs, phases: 3);
        var gate = script.Close(GatePoint.AfterEffect, 1);
        await node.Submit("flaky-journal", ScriptedTask.Name, script.InputJson);
        await gate.Reached.WaitAsync(Patience);
        var watcher = CreateTestProbe(node.System);
        var first = node.Task("flaky-journal");
        watcher.Watch(first);

        await journal.OnWrite.Fail();
        gate.Release();

        // A persist failure stops the actor. An actor of the task started during the backoff recovers nothing and runs
        // nothing: it answers with the last status and the problem, and stops itself when the backoff is over.
        await watcher.ExpectTerminatedAsync(first, Patience);
        await journal.OnWrite.Pass();
        var again = script.Close(GatePoint.AfterEffect, 1);
        node.Forget("flaky-journal");
        var backingOff = node.Task("flaky-journal");
        watcher.Watch(backingOff);
        var during = await node.Status("flaky-journal");

        Assert.Equal(TaskLifecycleState.Running, during.State);
        Assert.Contains("could not store", during.Problem!.Message, StringComparison.Ordinal);
        Assert.NotNull(during.Problem.RetryAt);
        Assert.Equal(PhaseFlow.Contracts.Commands.RejectionCode.Unavailable, Assert.IsType<PhaseFlow.Contracts.Commands.CommandRejected>(await node.Cancel("flaky-journal")).Code);
        await watcher.ExpectTerminatedAsync(backingOff, Patience);
        Assert.Equal(1, Runs.Count("run 1"));

        // The next actor (the shard starts it under sharding) recovers and runs the phase whose completion was never stored.
        node.Forget("flaky-journal");
        var recovered = await node.Status("flaky-journal");
        Assert.Null(recovered.Problem);
        Assert.Equal(PhaseLifecycleState.Completed, recovered.Phases[0].State);
        Assert.Equal(PhaseLifecycleState.Running, recovered.Phases[1].State);
        await again.Reached.WaitAsync(Patience);
        again.Release();
        var status = await WaitForState(node, "flaky-journal", TaskLifecycleState.Succeeded);
        Assert.Equal(1, Runs.Count("run 0"));
        Assert.Equal(2, Runs.Count("run 1"));
        Assert.Equal(1, Runs.Count("run 2"));
        Assert.Equal(3, status.Phases.Count);
    }

    [Fact]
    public async Task Journal_RejectsTheTasksEvents_TheTaskBacksOffExponentiallyRunsNothingAgainAndSaysWhy()
    {
        var restarts = new TaskRestarts(TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(1));
        await using var node = TaskNode.Start(Database, extra: TestJournalConfig, restarts: restarts);
        var journal = TestJournal.FromRef(Persistence.Instance.Apply(node.System).JournalFor(null));
        var script = new Script(Runs, phases: 3);
        var gate = script.Close(GatePoint.AfterEffect, 1);
        await node.Submit("rejected", ScriptedTask.Name, script.InputJson);
        await gate.Reached.WaitAsync(Patience);
        var watcher = CreateTestProbe(node.System);

        await journal.OnWrite.Reject();
        watcher.Watch(node.Task("rejected"));
        gate.Release();
        await watcher.ExpectTerminatedAsync(node.Task("rejected"), Patience);

        // While the backoff lasts, the task's next actor runs nothing and answers with the problem.
        node.Forget("rejected");
        var backingOff = await node.Status("rejected");
        Assert.Contains("journal rejected the task's event", backingOff.Problem!.Message, StringComparison.Ordinal);
        Assert.Equal(PhaseLifecycleState.Running, backingOff.Phases[1].State);

        // Each actor either waits out the backoff or recovers, tries to record the phase's re-run, is rejected and stops.
        var delays = new SortedDictionary<int, TimeSpan>();
        while (restarts.Find("rejected") is not { Failures: >= 4 })
        {
            var trouble = restarts.Find("rejected")!;
            delays[trouble.Failures] = trouble.RetryAt - trouble.Since;
            var actor = node.Task("rejected");
            watcher.Watch(actor);
            await watcher.ExpectTerminatedAsync(actor, Patience);
            node.Forget("rejected");
        }

        Assert.Equal([200, 400, 800], delays.Values.Select(d => (int)d.TotalMilliseconds));
        Assert.Equal(1, Runs.Count("run 1"));

        await journal.OnWrite.Pass();
        await AwaitConditionAsync(() => Task.FromResult(restarts.Find("rejected")!.RetryAt < DateTimeOffset.UtcNow), Patience, TimeSpan.FromMilliseconds(50));
        var status = await WaitForState(node, "rejected", TaskLifecycleState.Succeeded);

        Assert.Equal(2, Runs.Count("run 1"));
        Assert.Null(restarts.Find("rejected"));
        Assert.Null(status.Problem);
    }

    [Fact]
    public async Task Recovery_AnEventCannotBeRead_TheTaskRunsNothingChangesNothingAndSaysWhichEvent()
    {
        var script = new Script(Runs, phases: 3);
        var gate = script.Close(GatePoint.AfterEffect, 1);
        var first = TaskNode.Start(Database);
        await first.Submit("damaged", ScriptedTask.Name, script.InputJson);
        await gate.Reached.WaitAsync(Patience);
        await first.Abort();
        var before = Database.JournalOf("task-damaged");

        // A later version wrote event #4: this one cannot read it (the same as a damaged payload).
        await JournalRows.InsertAsync(Database.Storage.ConnectionString, "task-damaged", before.Count + 1, "E-FUTURE", PhaseFlow.Actors.Serialization.PhaseFlowSerializer.Id, "{}"u8.ToArray());
        script.OpenAll();
        await using var second = TaskNode.Start(Database);
        var answer = await second.Task("damaged").Ask<IWithTaskId>(new GetTaskStatus("damaged"), Patience);
        var cancel = Assert.IsType<PhaseFlow.Contracts.Commands.CommandRejected>(await second.Cancel("damaged"));

        var unavailable = Assert.IsType<TaskUnavailable>(answer);
        Assert.StartsWith($"Event #{before.Count + 1} of this task's journal cannot be read (E-FUTURE", unavailable.Problem.Message, StringComparison.Ordinal);
        Assert.Null(unavailable.Problem.RetryAt);
        Assert.Equal(PhaseFlow.Contracts.Commands.RejectionCode.Unavailable, cancel.Code);
        Assert.Equal(before.Count + 1, Database.JournalOf("task-damaged").Count);
        Assert.Equal(1, Runs.Count("run 1"));
    }
}
