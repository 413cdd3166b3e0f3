using PhaseFlow.Actors.Tasks;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Contracts.Queries;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Actors.Tasks;

/// <summary>The decider's answers to client and operator commands (submit, cancel, retry-revert, resume) in each state.</summary>
[Trait(TestCategory.Name, TestCategory.Core)]
public sealed class TaskDeciderCommandTests
{
    private const string Id = DeciderHarness.TaskId;
    private static readonly TaskError Boom = TaskError.Of("System.InvalidOperationException", "boom");

    [Fact]
    public void Decide_NullSignal_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() =>
            TaskDecider.Decide(Id, TaskState.Empty, Incarnation.Fresh, null!, DateTimeOffset.UnixEpoch, new FakePlan(1), TaskRules.Default));
    }

    [Theory]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00")]
    [InlineData("not a trace context", null)]
    [InlineData("00-00000000000000000000000000000000-b7ad6b7169203331-01", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Submit_WithATraceParent_StoresItOnlyWhenItIsValid_AndAcceptsTheTaskEitherWay(string? given, string? stored)
    {
        var decider = new DeciderHarness(new FakePlan(1));

        decider.Send(new TaskSignal.Submit(new SubmitTask(Id, "fake", "{}", given), new SubmissionCheck.Bound("{}", "fake@1")));

        var accepted = Assert.IsType<TaskAccepted>(decider.History[0]);
        Assert.Equal(stored, accepted.TraceParent);
        Assert.Equal(stored, decider.State.TraceParent);
        Assert.IsType<TaskSubmitted>(Assert.Single(decider.Last.Effects.OfType<TaskEffect.Reply>()).Message);
    }

    [Fact]
    public void Submit_SameTaskAgainWithAnotherTraceParent_IsTheSameTaskAndKeepsTheFirstContext()
    {
        const string First = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var decider = new DeciderHarness(new FakePlan(1));
        decider.Send(new TaskSignal.Submit(new SubmitTask(Id, "fake", "{}", First), new SubmissionCheck.Bound("{}", "fake@1")));

        decider.Send(new TaskSignal.Submit(new SubmitTask(Id, "fake", "{}", "00-11111111111111111111111111111111-2222222222222222-01"), new SubmissionCheck.Bound("{}", "fake@1")));

        Assert.Empty(decider.Last.Events);
        Assert.Equal(new TaskSubmitted(Id, TaskLifecycleState.Running, Created: false), Assert.IsType<TaskEffect.Reply>(Assert.Single(decider.Last.Effects)).Message);
        Assert.Equal(First, decider.State.TraceParent);
    }

    [Fact]
    public void Submit_InvalidTaskId_IsRejectedWithTheRuleAndStoresNothing()
    {
        var decider = new DeciderHarness(new FakePlan(1));

        decider.Send(new TaskSignal.Submit(new SubmitTask("no spaces allowed", "fake", "{}"), new SubmissionCheck.Bound("{}", "fake@1")));

        Assert.Empty(decider.Last.Events);
        Assert.Equal(new CommandRejected(Id, RejectionCode.InvalidInput, TaskIds.Explain("no spaces allowed")), decider.Reply);
    }

    [Fact]
    public void Submit_NewTaskWhoseInputWasRefused_IsRejectedWithoutAStateAndStoresNothing()
    {
        var decider = new DeciderHarness(new FakePlan(1));

        decider.Send(Submit("fake", new SubmissionCheck.Refused(RejectionCode.InvalidInput, "path is required")));

        Assert.Empty(decider.Last.Events);
        Assert.False(decider.State.Exists);
        Assert.Equal(new CommandRejected(Id, RejectionCode.InvalidInput, "path is required", State: null), decider.Reply);
    }

    [Fact]
    public void Submit_SameTypeAndInputAgain_AnswersTheExistingTaskAndStoresNothing()
    {
        var decider = new DeciderHarness(new FakePlan(2));
        decider.Submit();

        decider.Send(Submit("fake", new SubmissionCheck.Bound("{}", "fake@1")));

        Assert.Empty(decider.Last.Events);
        Assert.Equal(new TaskSubmitted(Id, TaskLifecycleState.Running, Created: false), decider.Reply);
    }

    [Fact]
    public void Submit_SameTypeWithAnotherInput_IsAConflictAboutTheInput()
    {
        var decider = new DeciderHarness(new FakePlan(2));
        decider.Submit();

        decider.Send(Submit("fake", new SubmissionCheck.Bound("{\"other\":1}", "fake@1")));

        Assert.Empty(decider.Last.Events);
        var rejected = Assert.IsType<CommandRejected>(decider.Reply);
        Assert.Equal((RejectionCode.Conflict, TaskLifecycleState.Running), (rejected.Code, rejected.State));
        Assert.Equal(
            "Task 't' already exists with type 'fake' and a different input; an id can be submitted again only with the same type and input.",
            rejected.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Submit_AnotherTypeUnderTheSameId_IsAConflictAboutTheType(bool inputBinds)
    {
        var decider = new DeciderHarness(new FakePlan(2));
        decider.Submit();
        SubmissionCheck check = inputBinds
            ? new SubmissionCheck.Bound("{}", "other@1")
            : new SubmissionCheck.Refused(RejectionCode.InvalidInput, "other needs a path");

        decider.Send(Submit("other", check));

        Assert.Empty(decider.Last.Events);
        var rejected = Assert.IsType<CommandRejected>(decider.Reply);
        Assert.Equal(RejectionCode.Conflict, rejected.Code);
        Assert.StartsWith("Task 't' already exists with type 'fake' and a different type;", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Submit_SameTypeAgainButItsInputIsRefusedNow_PassesTheRefusalOnWithTheTasksState()
    {
        var decider = new DeciderHarness(new FakePlan(2));
        decider.Submit();

        decider.Send(Submit("fake", new SubmissionCheck.Refused(RejectionCode.TaskTypeFault, "type broke")));

        Assert.Empty(decider.Last.Events);
        Assert.Equal(new CommandRejected(Id, RejectionCode.TaskTypeFault, "type broke", TaskLifecycleState.Running), decider.Reply);
    }

    [Fact]
    public void Commands_UnknownTask_NameTheIdAndCarryNoState()
    {
        var decider = new DeciderHarness(new FakePlan(1));
        decider.Send(new TaskSignal.Recovered(null, EarlierRun: false));

        foreach (var command in new TaskSignal[] { new TaskSignal.Cancel(), new TaskSignal.RetryRevert(), new TaskSignal.Resume() })
        {
            decider.Send(command);

            Assert.Equal(new CommandRejected(Id, RejectionCode.NotFound, "No task has id 't'.", State: null), decider.Reply);
        }
    }

    [Fact]
    public void Cancel_SucceededTask_IsRejectedSayingWhatCanBeCancelled()
    {
        var decider = new DeciderHarness(new FakePlan(1));
        decider.Complete(decider.Submit());

        decider.Send(new TaskSignal.Cancel());

        Assert.Empty(decider.Last.Events);
        Assert.Equal(
            new CommandRejected(Id, RejectionCode.InvalidState, "Task 't' already finished (Succeeded); only a pending, running or suspended task can be cancelled.", TaskLifecycleState.Succeeded),
            decider.Reply);
    }

    [Fact]
    public void Cancel_RevertFailedTask_IsRejectedPointingToRetryRevert()
    {
        var decider = RevertFailedAtPhase0(new FakePlan(1));

        decider.Send(new TaskSignal.Cancel());

        Assert.Empty(decider.Last.Events);
        Assert.Equal(
            new CommandRejected(Id, RejectionCode.InvalidState, "Task 't' is in RevertFailed; send retry-revert to run the revert again.", TaskLifecycleState.RevertFailed),
            decider.Reply);
    }

    [Fact]
    public void Cancel_RevertingAfterAFailure_IsRejectedAndTheRevertGoesOn()
    {
        var decider = new DeciderHarness(new FakePlan(1));
        decider.Send(new TaskSignal.AttemptFinished(decider.Submit(), new AttemptOutcome.Failed(Boom, RetryWanted: false)));
        var undo = decider.Life.Work;

        decider.Send(new TaskSignal.Cancel());

        Assert.Empty(decider.Last.Events);
        Assert.Equal(
            new CommandRejected(Id, RejectionCode.InvalidState, "Task 't' is already reverting after a failure.", TaskLifecycleState.Reverting),
            decider.Reply);
        Assert.Equal(undo, decider.Life.Work);
    }

    [Fact]
    public void Cancel_WhileARetryIsDue_ForgetsTheRetryAndReverts()
    {
        var decider = new DeciderHarness(new FakePlan(1, RetryPolicy.Exponential(3, TimeSpan.FromMinutes(1))));
        decider.Send(new TaskSignal.AttemptFinished(decider.Submit(), new AttemptOutcome.Failed(Boom, RetryWanted: true)));

        decider.Send(new TaskSignal.Cancel());

        Assert.Equal(["RevertStarted"], decider.EventNames);
        Assert.Equal(RevertReason.Cancelled, decider.Event<RevertStarted>().Reason);
        Assert.Single(decider.Effects<TaskEffect.CancelRetry>());
        Assert.Equal(new CommandAccepted(Id, TaskLifecycleState.Reverting), decider.Reply);
        Assert.Equal(new TaskEffect.RunUndo(decider.Life.Work!.RunId, 0, PhaseCompleted: false), decider.Effects<TaskEffect.RunUndo>().Single());
    }

    [Fact]
    public void RetryRevert_CancelledTask_RevertsAgainForTheSameReason()
    {
        var decider = new DeciderHarness(new FakePlan(2));
        decider.Complete(decider.Submit());
        decider.Send(new TaskSignal.Cancel());
        decider.Send(new TaskSignal.AttemptFinished(decider.Life.Work!.RunId, new AttemptOutcome.Failed(TaskError.Of("Cancelled", "stopped"), RetryWanted: false)));
        decider.Send(new TaskSignal.UndoFinished(decider.RunId<TaskEffect.RunUndo>(), TaskError.Of("System.IO.IOException", "busy")));
        Assert.Equal(TaskLifecycleState.RevertFailed, decider.State.State);

        decider.Send(new TaskSignal.RetryRevert());

        Assert.Equal(new RevertStarted(Id, RevertReason.Cancelled, null, decider.Now), decider.Event<RevertStarted>());
        Assert.Equal(new CommandAccepted(Id, TaskLifecycleState.Reverting), decider.Reply);
        Assert.Equal(1, decider.Effects<TaskEffect.RunUndo>().Single().Index);
    }

    [Fact]
    public void RetryRevert_TaskNotInRevertFailed_IsRejectedWithTheRule()
    {
        var decider = new DeciderHarness(new FakePlan(2));
        decider.Submit();

        decider.Send(new TaskSignal.RetryRevert());

        Assert.Empty(decider.Last.Events);
        Assert.Equal(
            new CommandRejected(Id, RejectionCode.InvalidState, "Task 't' is Running; only a task in RevertFailed can have its revert retried.", TaskLifecycleState.Running),
            decider.Reply);
    }

    [Fact]
    public void Resume_TaskNotSuspended_IsRejectedWithTheRule()
    {
        var decider = new DeciderHarness(new FakePlan(2));
        decider.Submit();

        decider.Send(new TaskSignal.Resume());

        Assert.Empty(decider.Last.Events);
        Assert.Equal(
            new CommandRejected(Id, RejectionCode.InvalidState, "Task 't' is Running; only a suspended task can be resumed.", TaskLifecycleState.Running),
            decider.Reply);
    }

    [Theory]
    [InlineData("Unknown task type 'fake'.", "Unknown task type 'fake'.")]
    [InlineData(null, "its task type is not loaded")]
    public void Resume_TypeNotLoadedOnThisNode_IsRejectedSayingWhy(string? blocked, string why)
    {
        var plan = new FakePlan(2);
        var decider = new DeciderHarness(plan);
        decider.Complete(decider.Submit());
        plan.Rename(0, "renamed");
        var suspended = decider.NextLife(plan);
        suspended.Send(new TaskSignal.Recovered(null, EarlierRun: false));
        Assert.Equal(TaskLifecycleState.Suspended, suspended.State.State);
        var here = suspended.NextLife(plan: null);
        here.Send(new TaskSignal.Recovered(blocked is null ? null : new TaskProblem(blocked, here.Now), EarlierRun: false));

        here.Send(new TaskSignal.Resume());

        Assert.Empty(here.Last.Events);
        Assert.Equal(
            new CommandRejected(Id, RejectionCode.InvalidState, $"Task 't' cannot be resumed on this node: {why}", TaskLifecycleState.Suspended),
            here.Reply);
    }

    private static TaskSignal.Submit Submit(string type, SubmissionCheck check) => new(new SubmitTask(Id, type, "{}"), check);

    /// <summary>A task whose only phase failed and whose undo of it failed too.</summary>
    private static DeciderHarness RevertFailedAtPhase0(FakePlan plan)
    {
        var decider = new DeciderHarness(plan);
        decider.Send(new TaskSignal.AttemptFinished(decider.Submit(), new AttemptOutcome.Failed(Boom, RetryWanted: false)));
        decider.Send(new TaskSignal.UndoFinished(decider.RunId<TaskEffect.RunUndo>(), TaskError.Of("System.IO.IOException", "busy")));
        Assert.Equal(TaskLifecycleState.RevertFailed, decider.State.State);
        return decider;
    }
}
