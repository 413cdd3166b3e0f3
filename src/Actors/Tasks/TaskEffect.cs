using PhaseFlow.Contracts.Commands;

namespace PhaseFlow.Actors.Tasks;

/// <summary>
/// What <see cref="TaskDecider"/> asks the task actor to do once the decision's events are stored. Effects only
/// perform: every choice was made by the decider.
/// </summary>
internal abstract record TaskEffect
{
    private TaskEffect()
    {
    }

    /// <summary>Answer the command being handled.</summary>
    /// <param name="Message">The reply.</param>
    internal sealed record Reply(ICommandReply Message) : TaskEffect;

    /// <summary>Run one attempt of a phase off the actor thread (applying its timeout).</summary>
    /// <param name="RunId">The launch id its outcome must carry.</param>
    /// <param name="Index">The phase.</param>
    /// <param name="Attempt">The 1-based attempt number.</param>
    internal sealed record RunAttempt(int RunId, int Index, int Attempt) : TaskEffect;

    /// <summary>Run the undo of one phase off the actor thread.</summary>
    /// <param name="RunId">The launch id.</param>
    /// <param name="Index">The phase.</param>
    /// <param name="PhaseCompleted">Whether the phase completed, or was in flight.</param>
    internal sealed record RunUndo(int RunId, int Index, bool PhaseCompleted) : TaskEffect;

    /// <summary>Run the task type's own revert off the actor thread.</summary>
    /// <param name="RunId">The launch id.</param>
    internal sealed record RunCustomRevert(int RunId) : TaskEffect;

    /// <summary>Signal the running attempt's cancellation token (its body decides when it returns).</summary>
    /// <param name="RunId">The launch to stop.</param>
    internal sealed record StopAttempt(int RunId) : TaskEffect;

    /// <summary>Wake the task when a phase's next attempt is due.</summary>
    /// <param name="Index">The phase.</param>
    /// <param name="Due">When.</param>
    internal sealed record ScheduleRetry(int Index, DateTimeOffset Due) : TaskEffect;

    /// <summary>
    /// Leave memory while the task waits: with a due time, after recording a durable wake-up for it; without one (a
    /// signal wait without timeout), at once, as a command wakes it. Only if the task still waits for the same thing
    /// then. Comes with the timer (<see cref="ScheduleRetry"/>, <see cref="ScheduleWait"/>) it outlasts, which stays the
    /// task's clock while it is in memory.
    /// </summary>
    /// <param name="Due">When the task must run again, or <see langword="null"/> when only a command wakes it.</param>
    internal sealed record Sleep(DateTimeOffset? Due) : TaskEffect;

    /// <summary>Wake the task when a waiting phase's delay ends or its signal wait times out.</summary>
    /// <param name="Index">The phase.</param>
    /// <param name="Due">When.</param>
    internal sealed record ScheduleWait(int Index, DateTimeOffset Due) : TaskEffect;

    /// <summary>
    /// Submit child tasks of a phase attempt (again: a submission of the same id is idempotent) and ask each how it
    /// stands. Their types and inputs come from the phase's declaration, by position.
    /// </summary>
    /// <param name="Index">The phase.</param>
    /// <param name="Attempt">The attempt.</param>
    /// <param name="ChildIds">The children to submit, a subset of the attempt's.</param>
    internal sealed record StartChildren(int Index, int Attempt, IReadOnlyList<string> ChildIds) : TaskEffect;

    /// <summary>Ask other tasks how they stand, and to say when they finish (<c>WatchTask</c>).</summary>
    /// <param name="TaskIds">The tasks.</param>
    internal sealed record WatchTasks(IReadOnlyList<string> TaskIds) : TaskEffect;

    /// <summary>Send commands to other tasks (cancel, undo or retry the revert of children); their answers are not needed, as the children report when they finish.</summary>
    /// <param name="Commands">The commands.</param>
    internal sealed record CommandTasks(IReadOnlyList<ITaskCommand> Commands) : TaskEffect;

    /// <summary>Forget a scheduled retry or wait.</summary>
    internal sealed record CancelRetry : TaskEffect;

    /// <summary>Wait for the run left over from the actor's previous life on this node, then report it under this id.</summary>
    /// <param name="RunId">The id to report.</param>
    internal sealed record AwaitEarlierRun(int RunId) : TaskEffect;

    /// <summary>Dispose the plan's enumerator, so its <c>finally</c> blocks run (the seed's <c>close()</c>).</summary>
    internal sealed record ClosePlan : TaskEffect;

    /// <summary>Write a line to the node's log.</summary>
    /// <param name="Level">How important it is.</param>
    /// <param name="Message">The line, without the task id (the actor adds it).</param>
    internal sealed record Log(TaskLogLevel Level, string Message) : TaskEffect;
}
