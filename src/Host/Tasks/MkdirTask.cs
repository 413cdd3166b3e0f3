using PhaseFlow.Contracts.Authoring;

namespace PhaseFlow.Host.Tasks;

/// <summary>
/// The seed example: create a directory and its missing parents, one phase per level, and on failure or cancel
/// remove only the directories this task created, deepest first.
/// </summary>
/// <remarks>
/// The first phase, <c>inspect</c>, records which levels already existed. Each level's phase reports
/// "created" from that record rather than from what it sees when it runs, so a level phase that is re-run after a
/// crash (it had already created its directory) still knows the directory is the task's own. The same record lets
/// the undo of a level that was in flight (it failed, timed out, or was interrupted or cancelled) remove the
/// directory if that level was not there before the task. An undo removes only an empty directory: anything someone
/// put inside is never deleted (the revert fails instead, with the reason).
/// </remarks>
public sealed class MkdirTask : TaskDefinition<MkdirInput>
{
    /// <summary>The task type's name.</summary>
    public const string Name = "mkdir";

    private readonly DemoRoot _root;

    /// <summary>Initializes the task type with the system's temporary directory as its root.</summary>
    public MkdirTask()
        : this(DemoRoot.SystemTemp)
    {
    }

    /// <summary>Initializes the task type.</summary>
    /// <param name="root">The directory under which it may create directories.</param>
    public MkdirTask(DemoRoot root) => _root = root;

    /// <inheritdoc/>
    public override string TypeName => Name;

    /// <summary>Lists the path and its ancestors, root first (<c>/a/b</c> gives <c>/</c>, <c>/a</c>, <c>/a/b</c>).</summary>
    /// <param name="path">An absolute path.</param>
    /// <returns>The levels.</returns>
    public static IReadOnlyList<string> Levels(string path)
    {
        var levels = new List<string>();
        for (var level = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)); level is not null; level = Path.GetDirectoryName(level))
        {
            levels.Add(level);
        }

        levels.Reverse();
        return levels;
    }

    /// <summary>Names a level's phase <c>mkdir PATH</c>, keeping the end of a path too long for a phase name.</summary>
    /// <param name="level">The directory.</param>
    /// <returns>The phase name.</returns>
    public static string PhaseNameFor(string level)
    {
        const string prefix = "mkdir ";
        var room = Phase.MaxNameLength - prefix.Length - 1;
        return level.Length <= room + 1 ? prefix + level : prefix + "…" + level[^room..];
    }

    /// <inheritdoc/>
    protected override IEnumerable<string> Validate(MkdirInput input)
    {
        if (!Path.IsPathFullyQualified(input.Path))
        {
            yield return $"path must be absolute (for example /srv/a/b/c); '{input.Path}' is relative";
        }
        else if (input.Path.Contains('\0', StringComparison.Ordinal))
        {
            yield return "path must not contain NUL characters";
        }
        else if (_root.Explain("path", input.Path) is { } outside)
        {
            yield return outside;
        }
    }

    /// <inheritdoc/>
    protected override int? ExpectedPhaseCount(MkdirInput input) => Levels(input.Path).Count + 1;

    /// <inheritdoc/>
    protected override IEnumerable<Phase> Plan(MkdirInput input, PlanContext plan)
    {
        var levels = Levels(input.Path);
        yield return Phase.Run("inspect", _ => Task.FromResult(levels.Where(Directory.Exists).ToArray()));

        // The plan reads the recorded inspection (the same list on every replay), so each level knows whether it is the task's own.
        var existed = plan.Outputs.Get<string[]>("inspect") ?? [];
        foreach (var level in levels)
        {
            var ours = !existed.Contains(level, StringComparer.Ordinal);
            yield return Phase.Run(PhaseNameFor(level), _ =>
                {
                    // Checked again at the moment of writing: a link put in the way since the submission does not lead out.
                    _root.Demand("path", input.Path);
                    Directory.CreateDirectory(level);
                    return Task.FromResult(new MkdirOutcome(level, Created: ours));
                })
                .WithUndo(context =>
                {
                    // An in-flight level (it failed, or was interrupted or cancelled) has no outcome: it may or may not have
                    // created its directory, so whatever is there now is the task's own if the level did not exist before.
                    var created = context.PhaseCompleted ? context.OutputAs<MkdirOutcome>()!.Created : ours;
                    if (created && Directory.Exists(level))
                    {
                        // Non-recursive on purpose: never delete what someone else put inside.
                        Directory.Delete(level, recursive: false);
                    }

                    return Task.CompletedTask;
                });
        }
    }
}
