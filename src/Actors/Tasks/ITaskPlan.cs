namespace PhaseFlow.Actors.Tasks;

/// <summary>
/// A task's plan as the decider asks it: what does the plan declare at a given index, given what the journal
/// recorded before it? Plans are deterministic in their input and earlier outputs, so the answer for an index never
/// changes; <see cref="PlanReplay"/> runs the plan code and turns whatever it does into a <see cref="PlanStep"/>.
/// </summary>
internal interface ITaskPlan
{
    /// <summary>Gets a value indicating whether the task type replaces the per-phase undos with one revert of its own.</summary>
    bool HasCustomRevert { get; }

    /// <summary>Gets what the plan declares at <paramref name="index"/>.</summary>
    /// <param name="index">The 0-based phase index; every phase before it has completed in <paramref name="state"/>.</param>
    /// <param name="state">The task's state: the plan sees the outputs of the phases before <paramref name="index"/>.</param>
    /// <returns>The declaration, the end of the plan, or what the plan threw. Never throws.</returns>
    PlanStep StepAt(int index, TaskState state);
}
