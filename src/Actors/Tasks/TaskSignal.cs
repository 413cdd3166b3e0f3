using PhaseFlow.Actors.Awaiting;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Contracts.Queries;

namespace PhaseFlow.Actors.Tasks;

/// <summary>
/// Everything that can make a task move, as <see cref="TaskDecider"/> sees it: the commands clients send, the outcomes
/// of work the actor ran off its thread, and its own timers. Every outcome of task code arrives here as data (an
/// exception has already become a <see cref="TaskError"/>), so each one has a defined answer.
/// </summary>
/// <remarks>
/// These are the task actor's private messages: none of them is a <see cref="IPhaseFlowMessage"/>, so none can be
/// serialised, and no client can send one (a failure, above all, is never a command).
/// </remarks>
internal abstract record TaskSignal
{
    private TaskSignal()
    {
    }

    /// <summary>The actor recovered from its journal (a new task id recovers to nothing).</summary>
    /// <param name="Blocked">Why the task's type or input cannot be loaded on this node, or <see langword="null"/>.</param>
    /// <param name="EarlierRun">A run of this task from the actor's previous life on this node is still going.</param>
    internal sealed record Recovered(TaskProblem? Blocked, bool EarlierRun) : TaskSignal;

    /// <summary>A submission, with the outcome of binding its input (done by the actor, since it runs task code).</summary>
    /// <param name="Command">The command.</param>
    /// <param name="Check">The bound input, or why it was refused.</param>
    internal sealed record Submit(SubmitTask Command, SubmissionCheck Check) : TaskSignal;

    /// <summary>A client cancels the task.</summary>
    internal sealed record Cancel : TaskSignal;

    /// <summary>An operator runs a failed revert again.</summary>
    internal sealed record RetryRevert : TaskSignal;

    /// <summary>An operator resumes a suspended task.</summary>
    internal sealed record Resume : TaskSignal;

    /// <summary>The body of a phase attempt returned.</summary>
    /// <param name="RunId">Which launch; an outcome of any other launch is stale and ignored.</param>
    /// <param name="Outcome">Its output, or its failure.</param>
    internal sealed record AttemptFinished(int RunId, AttemptOutcome Outcome) : TaskSignal;

    /// <summary>A phase attempt ran past its timeout; its token was cancelled and the task waits for its body.</summary>
    /// <param name="RunId">Which launch.</param>
    internal sealed record AttemptTimedOut(int RunId) : TaskSignal;

    /// <summary>An undo, or the task type's own revert, returned.</summary>
    /// <param name="RunId">Which launch.</param>
    /// <param name="Error">What it threw, or <see langword="null"/> when it succeeded.</param>
    internal sealed record UndoFinished(int RunId, TaskError? Error) : TaskSignal;

    /// <summary>The backoff before a phase's next attempt is over.</summary>
    /// <param name="Index">The phase.</param>
    internal sealed record RetryDue(int Index) : TaskSignal;

    /// <summary>The run left over from the actor's previous life on this node returned.</summary>
    /// <param name="RunId">The id the wait was given.</param>
    internal sealed record EarlierRunReturned(int RunId) : TaskSignal;

    /// <summary>A waiting phase's delay ended, or its signal wait timed out (the wait timer fired).</summary>
    /// <param name="Index">The phase.</param>
    internal sealed record WaitDue(int Index) : TaskSignal;

    /// <summary>A signal for the task arrived.</summary>
    /// <param name="Command">The signal.</param>
    /// <param name="Declared">Whether the task's type declares it (so it is kept when no phase waits for it yet).</param>
    internal sealed record Signal(SignalTask Command, bool Declared) : TaskSignal;

    /// <summary>
    /// Tasks this task waits for said how they stand (answers to a watch, notices that they finished, refused submissions):
    /// the reports that arrived together, decided and stored as one.
    /// </summary>
    /// <param name="Reports">What they said, in the order it arrived.</param>
    internal sealed record Watched(IReadOnlyList<WatchedTaskState> Reports) : TaskSignal;

    /// <summary>Somebody (the parent of this child task) asks to undo this task, which succeeded.</summary>
    internal sealed record Undo : TaskSignal;
}
