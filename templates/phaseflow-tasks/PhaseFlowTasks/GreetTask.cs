using PhaseFlow.Contracts.Authoring;

namespace PhaseFlowTasks;

/// <summary>The input of <see cref="GreetTask"/>.</summary>
/// <param name="Path">Where to write the greeting (an absolute path).</param>
/// <param name="Name">Whom to greet.</param>
/// <param name="CopyTo">Where to copy the greeting as well, or null.</param>
public sealed record GreetInput(string Path, string Name, string? CopyTo = null);

/// <summary>
/// Writes a greeting, then copies it. Two phases, each with its undo: if the copy fails (or the task is cancelled),
/// the revert removes what the task wrote, newest first.
/// </summary>
public sealed class GreetTask : TaskDefinition<GreetInput>
{
    /// <inheritdoc/>
    public override string TypeName => "greet";

    /// <inheritdoc/>
    protected override IEnumerable<string> Validate(GreetInput input)
    {
        if (!System.IO.Path.IsPathFullyQualified(input.Path))
        {
            yield return $"path must be absolute; '{input.Path}' is relative";
        }

        if (string.IsNullOrWhiteSpace(input.Name))
        {
            yield return "name must not be blank";
        }
    }

    /// <inheritdoc/>
    protected override int? ExpectedPhaseCount(GreetInput input) => 2;

    /// <inheritdoc/>
    protected override IEnumerable<Phase> Plan(GreetInput input, PlanContext plan)
    {
        yield return Phase.Run("write", ctx => File.WriteAllTextAsync(input.Path, $"hello {input.Name}", ctx.CancellationToken))
            .WithUndo(_ =>
            {
                // An undo may find nothing to undo: the phase may have failed before it wrote anything.
                if (File.Exists(input.Path))
                {
                    File.Delete(input.Path);
                }

                return Task.CompletedTask;
            });

        yield return Phase.Run("copy", _ =>
            {
                if (input.CopyTo is not null)
                {
                    File.Copy(input.Path, input.CopyTo, overwrite: true);
                }

                return Task.CompletedTask;
            })
            .WithUndo(_ =>
            {
                // The undo of a failed copy runs too (it may have half-run), and finds nothing when the copy never began.
                if (input.CopyTo is not null && File.Exists(input.CopyTo))
                {
                    File.Delete(input.CopyTo);
                }

                return Task.CompletedTask;
            });
    }
}
