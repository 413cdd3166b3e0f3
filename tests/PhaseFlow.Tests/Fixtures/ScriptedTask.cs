using PhaseFlow.Contracts.Authoring;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// A task whose phases do what their <see cref="Script"/> says. Each phase logs <c>run i</c> (its effect) between two
/// gates and <c>return i</c> when its body returns; each undo logs <c>undo-start i</c>, waits at its gate, then logs
/// <c>undo i</c> (its effect). The plan logs <c>plan closed</c> from a finally block. The script can make any part of
/// the task's own code throw, time out or ignore its token.
/// </summary>
public class ScriptedTask : TaskDefinition<ScriptInput>
{
    public const string Name = "scripted";

    public override string TypeName => Name;

    protected override IEnumerable<string> Validate(ScriptInput input) =>
        Script.Get(input.Script).ValidateThrows ? throw new InvalidOperationException("validate bug") : [];

    protected override int? ExpectedPhaseCount(ScriptInput input)
    {
        var script = Script.Get(input.Script);
        return script.ExpectedCountThrows ? throw new InvalidOperationException("count bug") : script.Phases;
    }

    protected override IEnumerable<Phase> Plan(ScriptInput input, PlanContext plan)
    {
        var script = Script.Get(input.Script);
        try
        {
            for (var i = 0; i < script.Phases; i++)
            {
                ThrowIfScripted(script, i);
                var index = i;
                var name = script.BranchChoice is not null && index == 1
                    ? $"branch-{plan.Outputs.Get<string>(0)}"
                    : script.NameOf(index);
                var phase = Phase.Run<object?>(name, async context =>
                    {
                        var token = script.IgnoresToken(index, context.Attempt) ? CancellationToken.None : context.CancellationToken;
                        await script.At(GatePoint.BeforeEffect, index).PassAsync(token);
                        script.Log.Append($"run {index}");
                        if (script.Progress(index) is { } progress)
                        {
                            context.ReportProgress(progress.Fraction, progress.Message);
                        }

                        try
                        {
                            await script.At(GatePoint.AfterEffect, index).PassAsync(token);
                        }
                        finally
                        {
                            script.Log.Append($"return {index}");
                        }

                        if (script.WaitsForTimeout(index, context.Attempt))
                        {
                            await Task.Delay(Timeout.Infinite, context.CancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
                            await Task.Delay(50, CancellationToken.None);
                        }

                        if (script.Failure(index, context.Attempt) is { } failure)
                        {
                            throw failure;
                        }

                        return script.OutputOf?.Invoke(index, context.Attempt)
                            ?? (index == 0 && script.BranchChoice is not null ? script.BranchChoice() : $"out-{index}");
                    })
                    .WithRetry(script.RetryOf?.Invoke(index) ?? script.Retry)
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
                yield return script.Timeout(index) is { } limit ? phase.WithTimeout(limit) : phase;
            }

            ThrowIfScripted(script, script.Phases);
        }
        finally
        {
            script.Log.Append("plan closed");
            if (script.FinallyThrows)
            {
                throw new InvalidOperationException("finally bug");
            }
        }
    }

    private static void ThrowIfScripted(Script script, int position)
    {
        if (script.PlanThrowsAt == position)
        {
            throw new NullReferenceException($"plan bug at {position}");
        }
    }
}
