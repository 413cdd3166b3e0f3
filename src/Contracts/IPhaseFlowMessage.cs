namespace PhaseFlow.Contracts;

/// <summary>
/// Root of every PhaseFlow command, reply and event. It is the single serializer binding, so a new
/// message type is either serialised by PhaseFlow's serializer or fails loudly — never silently by a fallback.
/// </summary>
public interface IPhaseFlowMessage;
