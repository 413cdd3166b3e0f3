namespace PhaseFlow.Contracts.Authoring;

/// <summary>
/// A task type as the runner sees it. Implement it by deriving from <see cref="TaskDefinition{TInput}"/>,
/// which supplies input binding, validation and the default revert.
/// </summary>
public interface ITaskDefinition
{
    /// <summary>Gets the stable name tasks of this type are submitted under (for example <c>mkdir</c>).</summary>
    string TypeName { get; }

    /// <summary>Gets the definition's version, recorded with each task so an operator can see which version accepted it.</summary>
    string Version { get; }

    /// <summary>Gets the type the input binds to.</summary>
    Type InputType { get; }

    /// <summary>Gets a value indicating whether the task type supplies its own single revert instead of the per-phase undos.</summary>
    bool HasCustomRevert { get; }

    /// <summary>Parses, binds and validates an input.</summary>
    /// <param name="inputJson">The input as JSON.</param>
    /// <returns>The typed input and its canonical JSON.</returns>
    /// <exception cref="TaskInputException">The input is malformed, does not bind, or is invalid.</exception>
    BoundInput BindInput(string inputJson);

    /// <summary>Starts a fresh enumeration of the plan.</summary>
    /// <param name="input">The bound input.</param>
    /// <param name="plan">What the plan can see of earlier phases.</param>
    /// <returns>The phase declarations, pulled one at a time.</returns>
    IEnumerable<Phase> CreatePlan(object input, PlanContext plan);

    /// <summary>Tells how many phases the plan will have, when the task type can know in advance (for progress displays).</summary>
    /// <param name="input">The bound input.</param>
    /// <returns>The count, or <see langword="null"/> when it depends on what the phases find.</returns>
    int? ExpectedPhaseCount(object input);

    /// <summary>Runs the task type's own revert; called only when <see cref="HasCustomRevert"/> is true.</summary>
    /// <param name="input">The bound input.</param>
    /// <param name="context">What the journal knows about how far the task got.</param>
    /// <returns>A task that completes when the revert finished.</returns>
    Task RevertAsync(object input, RevertContext context);

    /// <summary>
    /// Gets the signals a task of this type with this input takes before a phase waits for them: such a signal is kept
    /// until a phase waits for it. Any other signal is refused unless a phase waits for it at that moment.
    /// </summary>
    /// <param name="input">The bound input.</param>
    /// <returns>The signal names; by default none (a member added after the first release, so existing implementations keep compiling).</returns>
    IReadOnlyCollection<string> DeclaredSignals(object input) => [];
}
