using PhaseFlow.Contracts.Authoring;

namespace PhaseFlow.Actors.Tasks;

/// <summary>A task's type, bound input and plan, once loaded on this node.</summary>
/// <param name="Definition">The task type.</param>
/// <param name="Input">The bound input.</param>
/// <param name="Plan">The plan, enumerated on demand.</param>
internal sealed record LoadedTask(ITaskDefinition Definition, object Input, PlanReplay Plan);
