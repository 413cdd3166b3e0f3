using System.ComponentModel.DataAnnotations;

namespace PhaseFlow.SampleTasks;

/// <summary>Input of the <c>fan-out</c> task.</summary>
/// <param name="Children">How many <c>steps</c> children its one phase starts.</param>
/// <param name="HeldChild">
/// The 1-based position of a child that waits for the signal <c>go</c> before it finishes (so a test can see it
/// running); none when absent.
/// </param>
public sealed record FanOutInput(
    [property: Range(1, 1000, ErrorMessage = "children must be between 1 and 1000")] int Children,
    int? HeldChild = null);
