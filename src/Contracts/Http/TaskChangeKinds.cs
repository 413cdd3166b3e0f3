namespace PhaseFlow.Contracts.Http;

/// <summary>The values of <see cref="TaskChange.Kind"/> (and of the SSE <c>event</c> field).</summary>
public static class TaskChangeKinds
{
    /// <summary>A phase started, completed, failed an attempt or was reverted.</summary>
    public const string Phase = "phase";

    /// <summary>The task's lifecycle state changed.</summary>
    public const string State = "state";
}
