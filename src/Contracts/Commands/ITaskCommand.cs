namespace PhaseFlow.Contracts.Commands;

/// <summary>A command sent to one task. Each is answered with exactly one reply.</summary>
public interface ITaskCommand : IWithTaskId;
