using PhaseFlow.Actors.ReadModel;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Contracts.Queries;

namespace PhaseFlow.Tests.Actors.Serialization;

/// <summary>One fixed instance of every PhaseFlow message, with every optional member set.</summary>
public static class MessageSamples
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 10, 30, 15, 123, TimeSpan.Zero);
    private static readonly TaskError Error = new("System.IO.IOException", "disk full", "   at Phase()", new TaskError("System.Exception", "inner"));

    public static IReadOnlyList<object> All { get; } =
    [
        new TaskAccepted("t-1", "mkdir", "{\"path\":\"/srv/a\"}", "mkdir@1", At),
        new PhaseStarted("t-1", 2, "mkdir /srv/a", 3, At, Interruptions: 2),
        new PhaseCompleted("t-1", 2, "mkdir /srv/a", "{\"path\":\"/srv/a\",\"created\":true}", At),
        new PhaseAttemptFailed("t-1", 2, "mkdir /srv/a", 1, Error, At.AddSeconds(2), At),
        new TaskSucceeded("t-1", At),
        new TaskSuspended("t-1", TaskError.Of("DefinitionChanged", "phase 1 renamed"), At),
        new CancelRequested("t-1", At),
        new RevertStarted("t-1", RevertReason.Failed, Error, At),
        new PhaseReverted("t-1", 1, At, Skipped: "phase 1 'mkdir /srv/a' had not completed and the current definition no longer declares it"),
        new TaskReverted("t-1", At),
        new RevertFailed("t-1", Error, 1, At),
        new TaskResumed("t-1", At),
        new SignalReceived("t-1", "payment-confirmed", "{\"amount\":42}", "psp-8812", 3, At),
        new AwaitedTaskSettled("t-1", 2, 1, "t-1:3.1.7", TaskLifecycleState.RevertFailed, null, TaskError.Of("ChildFailed", "disk full"), At, At.AddSeconds(-1)),
        new SubmitTask("t-1", "mkdir", "{\"path\":\"/srv/a\"}"),
        new CancelTask("t-1"),
        new RetryRevert("t-1"),
        new ResumeTask("t-1"),
        new SignalTask("t-1", "payment-confirmed", "{\"amount\":42}", "psp-8812"),
        new UndoTask("t-1:3.1.7"),
        new TaskSubmitted("t-1", TaskLifecycleState.Pending, true),
        new CommandAccepted("t-1", TaskLifecycleState.Reverting),
        new CommandRejected("t-1", RejectionCode.Conflict, "different input", TaskLifecycleState.Running),
        new GetTaskStatus("t-1"),
        new TaskStatusView(
            "t-1",
            "mkdir",
            TaskLifecycleState.RevertFailed,
            "{\"path\":\"/srv/a\"}",
            "mkdir@1",
            1,
            [new PhaseStatusView(0, "inspect", PhaseLifecycleState.Completed, 1, "[]", null, At, At, null, null),
             new PhaseStatusView(1, "mkdir /srv", PhaseLifecycleState.Running, 2, null, Error, At, null, At, new PhaseProgress(0.5, "half"), new PhaseStopping(PhaseStopReason.TimedOut, At))],
            Error,
            new RevertStatusView(RevertReason.Failed, 1, 0, At, Error),
            At,
            At,
            PhaseCount: 7,
            Problem: new TaskProblem("task type 'mkdir' is not registered on this node", At, At.AddMinutes(1))),
        new TaskNotFound("t-1"),
        new TaskUnavailable("t-1", new TaskProblem("the journal could not be read", At, At.AddSeconds(4))),
        new PhaseFlow.Actors.WakeUps.WakeTask("t-1", 1_796_126_400_000),
        new PhaseFlow.Actors.WakeUps.TaskWoken("t-1", 1_796_126_400_000),
        new TaskEventsStored("t-1", 7),
        new PhaseFlow.Actors.Awaiting.WatchTask("t-1:3.1.7", "t-1"),
        new PhaseFlow.Actors.Awaiting.WatchedTaskState("t-1", "t-1:3.1.7", TaskLifecycleState.Succeeded, "{\"size\":3}", TaskError.Of("ChildFailed", "disk full"), At),
    ];
}
