using System.Text.Json;
using PhaseFlow.Actors.Awaiting;
using PhaseFlow.Actors.Tasks;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Actors.Tasks;

/// <summary>Phases that wait for other tasks, decided without Akka: the cases the generated schedules do not reach.</summary>
[Trait("Category", "Core")]
public sealed class TaskDeciderAwaitTests
{
    private static Phase Work(string name) => Phase.Run(name, _ => Task.CompletedTask).WithUndo(_ => Task.CompletedTask);

    [Fact]
    public void WaitForTask_AnAncestor_FailsWithWaitCycleBeforeThePhaseStarts()
    {
        var decider = new DeciderHarness(new FakePlan(Phase.WaitForTask("wait", "root")));
        decider.Send(new TaskSignal.Recovered(null, EarlierRun: false));
        decider.Send(new TaskSignal.Submit(new SubmitTask(DeciderHarness.TaskId, "fake", "{}", Lineage: ["root", "mid"]), new SubmissionCheck.Bound("{}", "fake@1")));

        Assert.DoesNotContain(decider.History, e => e is PhaseStarted);
        Assert.Equal(TaskLifecycleState.Reverted, decider.State.State);
        Assert.Equal("WaitCycle", decider.State.Error!.Type);
        Assert.Contains("'root'", decider.State.Error.Message);
        Assert.Contains("ancestor", decider.State.Error.Message);
    }

    [Fact]
    public void StartChildren_AtTheDeepestLevel_FailsWithChildrenTooDeep()
    {
        var lineage = Enumerable.Range(0, ChildTaskIds.MaxDepth - 1).Select(i => $"level{i}").ToList();
        var decider = new DeciderHarness(new FakePlan(Phase.StartChildren("kids", [new ChildTask("child", "{}")])));
        decider.Send(new TaskSignal.Recovered(null, EarlierRun: false));
        decider.Send(new TaskSignal.Submit(new SubmitTask(DeciderHarness.TaskId, "fake", "{}", Lineage: lineage), new SubmissionCheck.Bound("{}", "fake@1")));

        Assert.Equal(TaskLifecycleState.Reverted, decider.State.State);
        Assert.Equal("ChildrenTooDeep", decider.State.Error!.Type);
        Assert.Empty(decider.Effects<TaskEffect.StartChildren>());
    }

    [Fact]
    public void Submit_ALineageThatNamesTheTaskItself_IsRefused()
    {
        var decider = new DeciderHarness(new FakePlan(Work("a")));
        decider.Send(new TaskSignal.Recovered(null, EarlierRun: false));
        decider.Send(new TaskSignal.Submit(new SubmitTask(DeciderHarness.TaskId, "fake", "{}", Lineage: ["root", DeciderHarness.TaskId]), new SubmissionCheck.Bound("{}", "fake@1")));

        var rejected = Assert.IsType<CommandRejected>(decider.Reply);
        Assert.Equal(RejectionCode.InvalidInput, rejected.Code);
        Assert.False(decider.State.Exists);
    }

    [Fact]
    public void Submit_SameIdByAnotherParent_IsAConflictAndChangesNothing()
    {
        var decider = new DeciderHarness(new FakePlan(Work("a")));
        decider.Send(new TaskSignal.Recovered(null, EarlierRun: false));
        decider.Send(new TaskSignal.Submit(new SubmitTask(DeciderHarness.TaskId, "fake", "{}", Lineage: ["p1"]), new SubmissionCheck.Bound("{}", "fake@1")));
        var stored = decider.History.Count;

        decider.Send(new TaskSignal.Submit(new SubmitTask(DeciderHarness.TaskId, "fake", "{}", Lineage: ["p2"]), new SubmissionCheck.Bound("{}", "fake@1")));

        Assert.Equal(RejectionCode.Conflict, Assert.IsType<CommandRejected>(decider.Reply).Code);
        Assert.Equal(stored, decider.History.Count);
        Assert.Equal("p1", decider.State.ParentId);
    }

    [Fact]
    public void RefusedChild_SiblingsUndoneThenTheAttemptFailsWithChildFailed()
    {
        var decider = new DeciderHarness(new FakePlan(Phase.StartChildren("kids", [new ChildTask("child", "{}"), new ChildTask("nope", "{}")])));
        decider.Submit();
        var ids = decider.Event<PhaseStarted>().Wait!.Tasks!;
        Assert.Equal(new TaskEffect.StartChildren(0, 1, ids), decider.Effects<TaskEffect.StartChildren>().Single());

        decider.Send(new TaskSignal.Watched([new WatchedTaskState(DeciderHarness.TaskId, ids[1], null, null, TaskError.Of("ChildRefused", "unknown type 'nope'"))]));

        // The running sibling is cancelled; nothing fails until it reports it reverted.
        Assert.Equal([new CancelTask(ids[0])], decider.Effects<TaskEffect.CommandTasks>().Single().Commands);
        Assert.Equal(TaskLifecycleState.Running, decider.State.State);

        decider.Send(new TaskSignal.Watched([new WatchedTaskState(DeciderHarness.TaskId, ids[0], TaskLifecycleState.Reverted, null, null)]));

        var failed = decider.Event<PhaseAttemptFailed>();
        Assert.Equal("ChildFailed", failed.Error.Type);
        Assert.Contains("unknown type 'nope'", failed.Error.Message);
        Assert.Equal(TaskLifecycleState.Reverted, decider.State.State);
    }

    [Fact]
    public void WaitForTask_TheTaskFinishes_CompletesWithItsOutcome()
    {
        var decider = new DeciderHarness(new FakePlan(Phase.WaitForTask("wait", "other")));
        decider.Submit();
        Assert.Equal(["other"], decider.Effects<TaskEffect.WatchTasks>().Single().TaskIds);

        decider.Send(new TaskSignal.Watched([new WatchedTaskState(DeciderHarness.TaskId, "other", TaskLifecycleState.Succeeded, "{\"n\":1}", null)]));

        var output = JsonDocument.Parse(decider.State.Phases[0].OutputJson!).RootElement;
        Assert.Equal("other", output.GetProperty("taskId").GetString());
        Assert.Equal("Succeeded", output.GetProperty("state").GetString());
        Assert.Equal(1, output.GetProperty("output").GetProperty("n").GetInt32());
        Assert.Equal(JsonValueKind.Null, output.GetProperty("error").ValueKind);
        Assert.Equal(TaskLifecycleState.Succeeded, decider.State.State);
    }

    [Fact]
    public void WaitForTask_StillRunningReport_RecordsNothing()
    {
        var decider = new DeciderHarness(new FakePlan(Phase.WaitForTask("wait", "other")));
        decider.Submit();

        decider.Send(new TaskSignal.Watched([new WatchedTaskState(DeciderHarness.TaskId, "other", TaskLifecycleState.Running, null, null)]));

        Assert.Empty(decider.Last.Events);
        Assert.Equal(TaskLifecycleState.Running, decider.State.State);
    }

    [Fact]
    public void Undo_ASucceededTask_RevertsItAsItsParentAsked()
    {
        var decider = new DeciderHarness(new FakePlan(Work("a")));
        decider.Complete(decider.Submit());
        Assert.Equal(TaskLifecycleState.Succeeded, decider.State.State);

        decider.Send(new TaskSignal.Undo());

        Assert.IsType<CommandAccepted>(decider.Reply);
        Assert.Equal(RevertReason.ParentReverted, decider.Event<RevertStarted>().Reason);
        Assert.Single(decider.Effects<TaskEffect.RunUndo>());

        // Asked again while it reverts: accepted, nothing more.
        decider.Send(new TaskSignal.Undo());
        Assert.IsType<CommandAccepted>(decider.Reply);
        Assert.Empty(decider.Last.Events);
    }

    [Fact]
    public void Undo_UnknownTask_IsNotFound()
    {
        var decider = new DeciderHarness(new FakePlan(Work("a")));
        decider.Send(new TaskSignal.Recovered(null, EarlierRun: false));

        decider.Send(new TaskSignal.Undo());

        Assert.Equal(RejectionCode.NotFound, Assert.IsType<CommandRejected>(decider.Reply).Code);
    }
}
