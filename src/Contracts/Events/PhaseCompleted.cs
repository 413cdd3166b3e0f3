namespace PhaseFlow.Contracts.Events;

/// <summary>A phase finished. From now on it never runs again; replay hands its output back to the plan.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="Index">The 0-based phase index.</param>
/// <param name="Name">The phase's name.</param>
/// <param name="OutputJson">The output as JSON, or <see langword="null"/> for a phase without output.</param>
/// <param name="At">When it completed.</param>
/// <param name="SignalNumber">
/// For a signal wait completed by a signal that arrived before the wait began, that signal's place (0-based) among the
/// task's <see cref="SignalReceived"/> events; it is used up. <see langword="null"/> otherwise.
/// </param>
public sealed record PhaseCompleted(string TaskId, int Index, string Name, string? OutputJson, DateTimeOffset At, int? SignalNumber = null) : ITaskEvent;
