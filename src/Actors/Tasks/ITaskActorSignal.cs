using PhaseFlow.Contracts;

namespace PhaseFlow.Actors.Tasks;

/// <summary>A message a task actor sends itself (timers, the results of work it ran off its thread).</summary>
public interface ITaskActorSignal : IPhaseFlowMessage;
