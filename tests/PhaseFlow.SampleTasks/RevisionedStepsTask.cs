using PhaseFlow.Contracts.Authoring;

namespace PhaseFlow.SampleTasks;

/// <summary>
/// Test only: a way to simulate a redeployed task definition without building a second assembly. The phases are
/// named after the revision in the node's <see cref="RevisionVariable"/> environment variable, read once when the
/// node creates the task type: <c>step-0</c>, <c>step-1</c>, … for revision 1 (the default), <c>step-0@2</c>,
/// <c>step-1@2</c>, … for revision 2. A task accepted under one revision and recovered by a node started with
/// another no longer matches its journal and is suspended ("task definition changed"), as after a real redeploy.
/// </summary>
/// <remarks>
/// Each phase waits <see cref="RevisionedStepsInput.DelayMs"/> and appends <c>run i</c> to the input's journal file;
/// each undo appends <c>revert i</c>. The file is the witness of what really ran, and how often.
/// </remarks>
public sealed class RevisionedStepsTask : TaskDefinition<RevisionedStepsInput>
{
    /// <summary>The environment variable that names the revision of the definition; unset or blank means <see cref="DefaultRevision"/>.</summary>
    public const string RevisionVariable = "SAMPLE_TASKS_REVISION";

    /// <summary>The revision when <see cref="RevisionVariable"/> is not set.</summary>
    public const string DefaultRevision = "1";

    private readonly string _revision;

    /// <summary>Initializes the task type with the revision the node's environment names.</summary>
    /// <exception cref="ArgumentException">The revision has characters other than letters, digits, '.', '-' and '_'.</exception>
    public RevisionedStepsTask()
    {
        var revision = Environment.GetEnvironmentVariable(RevisionVariable);
        _revision = string.IsNullOrWhiteSpace(revision) ? DefaultRevision : revision.Trim();
        if (!_revision.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            throw new ArgumentException($"{RevisionVariable} must be letters, digits, '.', '-' or '_' (for example 2); it is '{revision}'.");
        }
    }

    /// <inheritdoc/>
    public override string TypeName => "revisioned-steps";

    /// <inheritdoc/>
    public override string Version => _revision;

    /// <summary>Names phase <paramref name="index"/> under <paramref name="revision"/>.</summary>
    /// <param name="revision">The revision.</param>
    /// <param name="index">The 0-based index.</param>
    /// <returns><c>step-{index}</c> for the default revision, <c>step-{index}@{revision}</c> for any other.</returns>
    public static string PhaseName(string revision, int index) =>
        revision == DefaultRevision ? $"step-{index}" : $"step-{index}@{revision}";

    /// <inheritdoc/>
    protected override IEnumerable<string> Validate(RevisionedStepsInput input)
    {
        if (!Path.IsPathFullyQualified(input.Journal))
        {
            yield return $"journal must be an absolute file path; '{input.Journal}' is relative";
        }
    }

    /// <inheritdoc/>
    protected override int? ExpectedPhaseCount(RevisionedStepsInput input) => input.Count;

    /// <inheritdoc/>
    protected override IEnumerable<Phase> Plan(RevisionedStepsInput input, PlanContext plan)
    {
        for (var i = 0; i < input.Count; i++)
        {
            var index = i;
            yield return Phase.Run(PhaseName(_revision, index), async context =>
                {
                    await Task.Delay(input.DelayMs, context.CancellationToken);
                    await File.AppendAllTextAsync(input.Journal, $"run {index}\n", context.CancellationToken);
                })
                .WithUndo(async context => await File.AppendAllTextAsync(input.Journal, $"revert {index}\n", context.CancellationToken));
        }
    }
}
