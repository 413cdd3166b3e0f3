using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.TestKit;
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
}
