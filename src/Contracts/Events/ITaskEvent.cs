namespace PhaseFlow.Contracts.Events;

/// <summary>
/// An event in a task's journal. Events are facts: they are never changed or removed, and they grow only by
/// adding optional members at the end, so every journal ever written still replays.
/// </summary>
public interface ITaskEvent : IWithTaskId
{
    /// <summary>Gets when the event happened (the node's clock when it was decided).</summary>
    DateTimeOffset At { get; }
}
