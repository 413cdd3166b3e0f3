using PhaseFlow.Contracts.Authoring;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// A task whose phases do what their <see cref="Script"/> says. Each phase logs <c>run i</c> (its effect) between two
/// gates; each undo logs <c>undo-start i</c>, waits at its gate, then logs <c>undo i</c> (its effect).
/// The plan logs <c>plan closed</c> from a finally block.
/// </summary>
public class ScriptedTask : TaskDefinition<ScriptInput>
{
    public const string Name = "scripted";

    public override string TypeName => Name;

    protected override IEnumerable<Phase> Plan(ScriptInput input, PlanContext plan)
    {
        var script = Script.Get(input.Script);
        try
        {
            for (var i = 0; i < script.Phases; i++)
            {
                var index = i;
                var name = script.BranchChoice is not null && index == 1
                    ? $"branch-{plan.Outputs.Get<string>(0)}"
                    : script.NameOf(index);
                yield return Phase.Run(name, async context =>
                    {
                        await script.At(GatePoint.BeforeEffect, index).PassAsync(context.CancellationToken);
                        script.Log.Append($"run {index}");
                        await script.At(GatePoint.AfterEffect, index).PassAsync(context.CancellationToken);
                        if (script.Failure(index, context.Attempt) is { } failure)
                        {
                            throw failure;
                        }

                        return index == 0 && script.BranchChoice is not null ? script.BranchChoice() : $"out-{index}";
                    })
                    .WithRetry(script.Retry)
                    .WithUndo(async context =>
                    {
                        script.UndoCompleted.Enqueue((index, context.PhaseCompleted));
                        script.Log.Append($"undo-start {index}");
                        await script.At(GatePoint.Undo, index).PassAsync(context.CancellationToken);
                        if (script.UndoFailure(index) is { } failure)
                        {
                            throw failure;
                        }

                        script.Log.Append($"undo {index}");
                    });
            }
        }
        finally
        {
            script.Log.Append("plan closed");
        }
    }
}
