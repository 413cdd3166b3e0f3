namespace PhaseFlow.Contracts.Events;

/// <summary>
/// A run of a phase attempt started. If the node stops now, the attempt runs again after recovery, with the same
/// attempt number and a higher <see cref="Interruptions"/>.
/// </summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="Index">The 0-based phase index.</param>
/// <param name="Name">The phase's name, compared on recovery with what the plan yields.</param>
/// <param name="Attempt">The 1-based attempt number.</param>
/// <param name="At">When it started.</param>
/// <param name="Interruptions">
/// How many earlier runs of this same attempt were interrupted in a row by the node stopping (0 for a new attempt).
/// When it reaches the node's limit the attempt counts as failed instead of running again.
/// </param>
/// <param name="Wait">
/// For a waiting phase (a delay or a signal), what this attempt waits for; <see langword="null"/> for a phase that runs code.
/// </param>
public sealed record PhaseStarted(string TaskId, int Index, string Name, int Attempt, DateTimeOffset At, int Interruptions = 0, PhaseWaitRecord? Wait = null) : ITaskEvent;
