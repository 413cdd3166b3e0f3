namespace PhaseFlow.Contracts.Events;

/// <summary>What a waiting phase waits for.</summary>
public enum PhaseWaitKind
{
    /// <summary>A durable delay: the phase completes at <see cref="PhaseWaitRecord.Until"/>.</summary>
    Delay,

    /// <summary>A named external signal: the phase completes with its payload, or fails at <see cref="PhaseWaitRecord.Until"/> when one is set.</summary>
    Signal,

    /// <summary>Child tasks the phase started: it completes when all have succeeded (<see cref="PhaseWaitRecord.Tasks"/> are their ids).</summary>
    Children,

    /// <summary>Another task: the phase completes when it has finished (<see cref="PhaseWaitRecord.Tasks"/> holds its id).</summary>
    Task,
}
