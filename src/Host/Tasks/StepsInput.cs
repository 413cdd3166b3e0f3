using System.ComponentModel.DataAnnotations;

namespace PhaseFlow.Host.Tasks;

/// <summary>Input of the <c>steps</c> task.</summary>
/// <param name="Count">How many phases (<c>step-0</c> … <c>step-(count-1)</c>); at least 1.</param>
/// <param name="DelayMs">How long each phase waits before it does its work, in milliseconds; at least 0.</param>
/// <param name="FailAtPhase">The 0-based index of the phase that fails, if any.</param>
/// <param name="FailAttempts">How many attempts of that phase fail before one succeeds; <see langword="null"/>: every attempt fails.</param>
/// <param name="RevertFails">Whether the revert throws instead of undoing.</param>
/// <param name="Journal">A file the phases append <c>run i</c> to and the revert appends <c>revert i</c> to; optional.</param>
/// <param name="RevertDelayMs">How long each undo waits before it does its work, in milliseconds; at least 0 (to kill a node mid-revert).</param>
/// <param name="Timed">
/// Whether each run of a phase also appends <c>start i T P</c> when it begins and <c>end i T P</c> when it ends (done,
/// failed or cancelled), T the Unix time in milliseconds and P the node's process id: the journal file then shows
/// whether two runs of the task ever overlapped (a task running on two nodes at once).
/// </param>
/// <param name="WaitMs">
/// A durable delay after the steps, in milliseconds: a phase <c>wait</c> that completes that long after it started,
/// across restarts; none when absent.
/// </param>
/// <param name="WaitForSignal">
/// The name of a signal to wait for last: a phase <c>signal-NAME</c> that completes with the signal's payload. The
/// type declares the signal, so one sent before the task reaches that phase is kept for it.
/// </param>
/// <param name="Children">
/// Child tasks to run after the steps: a phase <c>children</c> starts each entry as a <c>steps</c> child task and
/// completes when all have succeeded; none when absent. 1 to 10,000 entries.
/// </param>
/// <param name="WaitForTask">
/// The id of an existing task to wait for after the children: a phase <c>wait-for-task</c> that completes when that task
/// has finished (whatever its outcome); none when absent.
/// </param>
public sealed record StepsInput(
    [property: Range(1, StepsTask.MaxCount, ErrorMessage = "count must be between 1 and 10000")] int Count,
    [property: Range(0, StepsTask.MaxDelayMs, ErrorMessage = "delayMs must be between 0 and 3600000 (one hour)")] int DelayMs = 0,
    int? FailAtPhase = null,
    [property: Range(1, int.MaxValue, ErrorMessage = "failAttempts must be at least 1 (leave it out to fail every attempt)")] int? FailAttempts = null,
    bool RevertFails = false,
    string? Journal = null,
    [property: Range(0, StepsTask.MaxDelayMs, ErrorMessage = "revertDelayMs must be between 0 and 3600000 (one hour)")] int RevertDelayMs = 0,
    bool Timed = false,
    [property: Range(1, StepsTask.MaxWaitMs, ErrorMessage = "waitMs must be between 1 and 31622400000 (366 days)")] long? WaitMs = null,
    string? WaitForSignal = null,
    IReadOnlyList<StepsInput>? Children = null,
    string? WaitForTask = null);
