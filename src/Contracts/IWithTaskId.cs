namespace PhaseFlow.Contracts;

/// <summary>A message addressed to (or about) one task; the task id is also the shard entity id.</summary>
public interface IWithTaskId : IPhaseFlowMessage
{
    /// <summary>Gets the id of the task the message is about.</summary>
    string TaskId { get; }
}
