using System.ComponentModel.DataAnnotations;

namespace PhaseFlow.SampleTasks;

/// <summary>Input of the <c>revisioned-steps</c> task.</summary>
/// <param name="Count">How many phases; between 1 and 100.</param>
/// <param name="Journal">The absolute path of a file each phase appends <c>run i</c> to and each undo appends <c>revert i</c> to.</param>
/// <param name="DelayMs">How long each phase waits before it writes its line, in milliseconds; between 0 and 60000.</param>
public sealed record RevisionedStepsInput(
    [property: Range(1, 100, ErrorMessage = "count must be between 1 and 100")] int Count,
    [property: Required(AllowEmptyStrings = false, ErrorMessage = "journal is required")] string Journal,
    [property: Range(0, 60_000, ErrorMessage = "delayMs must be between 0 and 60000")] int DelayMs = 0);
