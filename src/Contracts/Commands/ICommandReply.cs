namespace PhaseFlow.Contracts.Commands;

/// <summary>The answer to a command: <see cref="TaskSubmitted"/>, <see cref="CommandAccepted"/> or <see cref="CommandRejected"/>.</summary>
public interface ICommandReply : IWithTaskId;
