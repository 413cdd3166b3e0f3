using PhaseFlow.Actors.Tasks;
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
        new PhaseStarted("t-1", 2, "mkdir /srv/a", 3, At),
        new PhaseCompleted("t-1", 2, "mkdir /srv/a", "{\"path\":\"/srv/a\",\"created\":true}", At),
        new PhaseAttemptFailed("t-1", 2, "mkdir /srv/a", 1, Error, At.AddSeconds(2), At),
        new TaskSucceeded("t-1", At),
        new TaskSuspended("t-1", TaskError.Of("DefinitionChanged", "phase 1 renamed"), At),
        new CancelRequested("t-1", At),
        new RevertStarted("t-1", RevertReason.Failed, Error, At),
        new PhaseReverted("t-1", 1, At),
        new TaskReverted("t-1", At),
        new RevertFailed("t-1", Error, 1, At),
        new SubmitTask("t-1", "mkdir", "{\"path\":\"/srv/a\"}"),
        new RevertTask("t-1", RevertReason.Cancelled, Error),
        new RetryRevert("t-1"),
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
             new PhaseStatusView(1, "mkdir /srv", PhaseLifecycleState.Running, 2, null, Error, At, null, At, new PhaseProgress(0.5, "half"))],
            Error,
            new RevertStatusView(RevertReason.Failed, 1, 0, At, Error),
            At,
            At),
        new TaskNotFound("t-1"),
        ContinueTask.Instance,
        new PhaseAttemptSucceeded(7, "\"out\""),
        new PhaseAttemptFaulted(7, Error, true),
        new PhaseProgressed(7, new PhaseProgress(0.25, "quarter")),
        new RetryDue(2),
        new RevertStepSucceeded(8),
        new RevertStepFaulted(8, Error),
    ];
}
