using PhaseFlow.Contracts;

namespace PhaseFlow.Actors.Tasks;

/// <summary>How a phase attempt's body ended.</summary>
internal abstract record AttemptOutcome
{
    private AttemptOutcome()
    {
    }

    /// <summary>The body returned in time and its output was serialised.</summary>
    /// <param name="OutputJson">The output, or <see langword="null"/> for a phase without one.</param>
    internal sealed record Completed(string? OutputJson) : AttemptOutcome;

    /// <summary>The body threw, timed out, or its output could not be serialised.</summary>
    /// <param name="Error">What happened.</param>
    /// <param name="RetryWanted">
    /// What the phase's retry policy said about this error (its <c>shouldRetry</c> filter; <see langword="false"/>
    /// when the filter threw or the run was stopped). The attempt limit is applied by the decider.
    /// </param>
    internal sealed record Failed(TaskError Error, bool RetryWanted) : AttemptOutcome;
}
