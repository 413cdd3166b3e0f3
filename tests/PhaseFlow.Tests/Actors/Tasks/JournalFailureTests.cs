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
        Assert.Empty(Runs.Lines());
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

        // A persist failure stops the actor (under sharding, the shard starts it again after a backoff).
        await watcher.ExpectTerminatedAsync(first, Patience);
        await journal.OnWrite.Pass();
        var again = script.Close(GatePoint.AfterEffect, 1);
        node.Forget("flaky-journal");
        var recovered = await node.Status("flaky-journal");

        Assert.Equal(TaskLifecycleState.Running, recovered.State);
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
