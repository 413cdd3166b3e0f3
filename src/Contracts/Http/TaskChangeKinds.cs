namespace PhaseFlow.Contracts.Http;

/// <summary>The values of <see cref="TaskChange.Kind"/> (and of the SSE <c>event</c> field).</summary>
public static class TaskChangeKinds
{
    /// <summary>A phase started, completed, failed an attempt or was reverted.</summary>
    public const string Phase = "phase";

    /// <summary>The task's lifecycle state changed.</summary>
    public const string State = "state";

    /// <summary>
    /// A task this task waits for (a child one of its phases started, or the task a phase waits for) finished, or
    /// turned out not to exist; see <see cref="TaskChange.AwaitedTaskId"/> and <see cref="TaskChange.AwaitedState"/>.
    /// </summary>
    public const string Awaited = "awaited";
}
