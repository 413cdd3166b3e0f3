using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace PhaseFlow.Contracts.Authoring;

/// <summary>
/// Base class of a task type: a stable <see cref="TypeName"/>, a typed input, a <see cref="Plan"/> that yields
/// phases, and one revert.
/// </summary>
/// <typeparam name="TInput">The input type. It binds from JSON with <see cref="PhaseFlowJson.Options"/> and may carry DataAnnotations.</typeparam>
/// <remarks>
/// <para><b>Plan.</b> <see cref="Plan"/> is a C# iterator. The runner pulls one declaration, runs it (or, during
/// replay, hands back its recorded output) and only then pulls the next, so a plan can branch on earlier outputs.</para>
/// <para><b>Determinism.</b> On recovery the plan is enumerated again and must yield the same names for the phases
/// that completed. Plan code (the code between <c>yield return</c>s) must not read the clock, random numbers,
/// files, the network or other mutable state; do such work inside a phase and read its output through
/// <see cref="PlanContext.Outputs"/>. A recovered plan that yields a different name suspends the task.</para>
/// <para><b>Close.</b> When a task fails or is cancelled between phases, or its actor stops, the runner disposes the
/// plan's enumerator, so <c>finally</c> and <c>using</c> blocks in the plan run. Because replay also enumerates
/// (and disposes) the plan, such blocks can run more than once and must be idempotent.</para>
/// <para><b>Revert.</b> By default the revert runs the undos of the completed phases in reverse order, journaling
/// each one, so a crash mid-revert resumes where it stopped. Override <see cref="RevertAsync(TInput, RevertContext)"/> to replace that with
/// one revert of your own; it runs as a single unit (again after a crash that interrupted it).</para>
/// </remarks>
public abstract class TaskDefinition<TInput> : ITaskDefinition
    where TInput : class
{
    private readonly Lazy<bool> _hasCustomRevert;

    /// <summary>Initializes the definition.</summary>
    protected TaskDefinition()
    {
        _hasCustomRevert = new Lazy<bool>(() => GetType()
            .GetMethod(nameof(RevertAsync), System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic, [typeof(TInput), typeof(RevertContext)])
            ?.DeclaringType != typeof(TaskDefinition<TInput>));
    }

    /// <inheritdoc/>
    public abstract string TypeName { get; }

    /// <inheritdoc/>
    /// <value>The default value is <c>1</c>.</value>
    public virtual string Version => "1";

    /// <inheritdoc/>
    public Type InputType => typeof(TInput);

    /// <inheritdoc/>
    public bool HasCustomRevert => _hasCustomRevert.Value;

    /// <inheritdoc/>
    public BoundInput BindInput(string inputJson)
    {
        ArgumentNullException.ThrowIfNull(inputJson);
        TInput? input;
        try
        {
            input = JsonSerializer.Deserialize<TInput>(inputJson, PhaseFlowJson.Options);
        }
        catch (JsonException e)
        {
            throw new TaskInputException(TypeName, [InputBindingMessage.Explain(e, typeof(TInput), inputJson)]);
        }

        if (input is null)
        {
            throw new TaskInputException(TypeName, ["the input must be a JSON object, not null"]);
        }

        var problems = new List<string>();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true))
        {
            problems.AddRange(results.Select(r => r.ErrorMessage ?? "invalid value"));
        }

        problems.AddRange(Validate(input));
        if (problems.Count > 0)
        {
            throw new TaskInputException(TypeName, problems);
        }

        return new BoundInput(input, JsonSerializer.Serialize(input, PhaseFlowJson.Options));
    }

    /// <inheritdoc/>
    IEnumerable<Phase> ITaskDefinition.CreatePlan(object input, PlanContext plan) => Plan((TInput)input, plan);

    /// <inheritdoc/>
    Task ITaskDefinition.RevertAsync(object input, RevertContext context) => RevertAsync((TInput)input, context);

    /// <inheritdoc/>
    int? ITaskDefinition.ExpectedPhaseCount(object input) => ExpectedPhaseCount((TInput)input);

    /// <inheritdoc/>
    IReadOnlyCollection<string> ITaskDefinition.DeclaredSignals(object input) => Signals((TInput)input).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Tells how many phases <see cref="Plan"/> will yield for <paramref name="input"/>, when that is known in
    /// advance; status views and the CLI show it as "phase i of n". Purely informative: the plan decides.
    /// </summary>
    /// <param name="input">The bound, validated input.</param>
    /// <returns>The count; by default <see langword="null"/> (unknown).</returns>
    protected virtual int? ExpectedPhaseCount(TInput input) => null;

    /// <summary>
    /// Declares the signals a task takes before a phase waits for them (for example a payment confirmation that may
    /// arrive before the task reaches its wait). Such a signal is kept, in order, until a phase waits for it.
    /// </summary>
    /// <param name="input">The bound input.</param>
    /// <returns>The signal names; by default none.</returns>
    protected virtual IEnumerable<string> Signals(TInput input) => [];

    /// <summary>Yields the task's phases, one declaration at a time.</summary>
    /// <param name="input">The bound, validated input.</param>
    /// <param name="plan">What the plan can see of earlier phases (recorded outputs during replay).</param>
    /// <returns>The phase declarations.</returns>
    protected abstract IEnumerable<Phase> Plan(TInput input, PlanContext plan);

    /// <summary>Checks rules DataAnnotations cannot express. Runs at submission, before anything is stored.</summary>
    /// <param name="input">The bound input.</param>
    /// <returns>Each problem found, written for the person who sent the input; empty when valid.</returns>
    protected virtual IEnumerable<string> Validate(TInput input) => [];

    /// <summary>
    /// Replaces the default revert (per-phase undos in reverse order) with one of your own. Do not override it to keep the default.
    /// </summary>
    /// <param name="input">The bound input.</param>
    /// <param name="context">The completed phases, the in-flight phase, the error and the reason.</param>
    /// <returns>A task that completes when the revert finished; throw to end the task in <see cref="TaskLifecycleState.RevertFailed"/>.</returns>
    /// <exception cref="NotSupportedException">Called on a definition that does not override it (the runner never does).</exception>
    protected virtual Task RevertAsync(TInput input, RevertContext context) =>
        throw new NotSupportedException($"Task type '{TypeName}' uses the default revert (per-phase undos).");
}
