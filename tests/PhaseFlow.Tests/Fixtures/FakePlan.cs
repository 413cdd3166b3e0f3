using PhaseFlow.Actors.Tasks;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>A plan for decider tests: fixed declarations, then an end or a throw. No task code runs.</summary>
internal sealed class FakePlan : ITaskPlan
{
    private readonly List<Phase> _phases;

    public FakePlan(int phases, RetryPolicy? retry = null, bool undos = true)
    {
        _phases = [.. Enumerable.Range(0, phases).Select(i => Declare($"phase-{i}", retry, undos))];
    }

    /// <summary>A plan of the given declarations (waiting phases among them), then an end.</summary>
    public FakePlan(params Phase[] phases)
    {
        _phases = [.. phases];
    }

    public bool HasCustomRevert { get; init; }

    /// <summary>What the plan does after its last declaration: end (the default) or throw.</summary>
    public TaskError? ThrowsAfterLast { get; set; }

    public List<string> Names => [.. _phases.Select(p => p.Name)];

    public void Rename(int index, string name) => _phases[index] = Declare(name, _phases[index].Retry, _phases[index].Undo is not null);

    public PlanStep StepAt(int index, TaskState state) =>
        index < _phases.Count
            ? new PlanStep.Declared(_phases[index])
            : ThrowsAfterLast is { } error ? new PlanStep.Threw(error) : new PlanStep.Ended();

    private static Phase Declare(string name, RetryPolicy? retry, bool undo)
    {
        var phase = Phase.Run(name, _ => Task.CompletedTask).WithRetry(retry ?? RetryPolicy.None);
        return undo ? phase.WithUndo(_ => Task.CompletedTask) : phase;
    }
}
