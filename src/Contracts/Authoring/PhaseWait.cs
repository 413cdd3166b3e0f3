namespace PhaseFlow.Contracts.Authoring;

/// <summary>
/// What a waiting phase waits for instead of running code (<see cref="Phase.Delay"/>, <see cref="Phase.WaitForSignal"/>,
/// <see cref="Phase.StartChildren"/>, <see cref="Phase.WaitForTask"/>).
/// While it waits, no thread and no timer in memory is held for it: the task records when it is due and leaves memory.
/// </summary>
public abstract record PhaseWait
{
    private PhaseWait()
    {
    }

    /// <summary>A durable delay.</summary>
    /// <param name="Duration">How long, from the moment the phase starts.</param>
    public sealed record Delay(TimeSpan Duration) : PhaseWait;

    /// <summary>A named external signal.</summary>
    /// <param name="Name">The signal's name.</param>
    /// <param name="Timeout">How long to wait before the attempt fails; <see langword="null"/> to wait for ever.</param>
    public sealed record Signal(string Name, TimeSpan? Timeout) : PhaseWait;

    /// <summary>Child tasks the phase starts and waits for.</summary>
    /// <param name="Tasks">The children, in order; their outputs make the phase's output in the same order.</param>
    public sealed record Children(IReadOnlyList<ChildTask> Tasks) : PhaseWait;

    /// <summary>An existing task the phase waits for until it finishes.</summary>
    /// <param name="TaskId">The task's id.</param>
    public sealed record Task(string TaskId) : PhaseWait;
}
