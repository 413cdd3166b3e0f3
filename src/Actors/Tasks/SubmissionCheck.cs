using PhaseFlow.Contracts.Commands;

namespace PhaseFlow.Actors.Tasks;

/// <summary>What binding a submission's input gave: the canonical input, or why the submission is refused.</summary>
internal abstract record SubmissionCheck
{
    private SubmissionCheck()
    {
    }

    /// <summary>The input bound to the task type and passed its validation.</summary>
    /// <param name="CanonicalJson">The input as the journal stores it.</param>
    /// <param name="TypeVersion">The task type's <c>type@version</c>.</param>
    internal sealed record Bound(string CanonicalJson, string TypeVersion) : SubmissionCheck;

    /// <summary>The submission cannot be accepted.</summary>
    /// <param name="Code">The kind of refusal.</param>
    /// <param name="Message">What was wrong and what is allowed.</param>
    internal sealed record Refused(RejectionCode Code, string Message) : SubmissionCheck;
}
