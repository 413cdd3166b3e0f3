using PhaseFlow.Contracts.Authoring;

namespace PhaseFlow.SampleTasks;

/// <summary>
/// An example of a task type that lives in its own assembly: write a file through a temporary name, then move it
/// into place. The revert removes what the task wrote, and nothing it did not write.
/// </summary>
public sealed class WriteFileTask : TaskDefinition<WriteFileInput>
{
    /// <inheritdoc/>
    public override string TypeName => "write-file";

    /// <inheritdoc/>
    protected override IEnumerable<string> Validate(WriteFileInput input)
    {
        if (!Path.IsPathFullyQualified(input.Path))
        {
            yield return $"path must be absolute; '{input.Path}' is relative";
        }
    }

    /// <inheritdoc/>
    protected override int? ExpectedPhaseCount(WriteFileInput input) => 2;

    /// <inheritdoc/>
    protected override IEnumerable<Phase> Plan(WriteFileInput input, PlanContext plan)
    {
        var temporary = input.Path + ".partial";
        yield return Phase.Run("write", async context => await File.WriteAllTextAsync(temporary, input.Content, context.CancellationToken))
            .WithUndo(_ =>
            {
                File.Delete(temporary);
                return Task.CompletedTask;
            });

        yield return Phase.Run("move into place", _ =>
            {
                // A re-run after a crash finds the move already done.
                if (File.Exists(temporary))
                {
                    File.Move(temporary, input.Path);
                }

                return Task.CompletedTask;
            })
            .WithUndo(_ =>
            {
                File.Delete(input.Path);
                return Task.CompletedTask;
            });
    }
}
