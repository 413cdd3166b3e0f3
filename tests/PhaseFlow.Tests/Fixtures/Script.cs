using System.Collections.Concurrent;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// What a <see cref="ScriptedTask"/> does, decided by the test: how many phases and their names, where phases wait,
/// which attempts fail, which undos fail. Tasks find their script by the id in their input.
/// </summary>
public sealed class Script
{
    private static readonly ConcurrentDictionary<string, Script> All = new();
    private readonly ConcurrentDictionary<string, Gate> _gates = new();

    public Script(RunLog log, int phases = 5)
    {
        Log = log;
        Phases = phases;
        All[Id] = this;
    }

    public string Id { get; } = Guid.NewGuid().ToString("N");

    public RunLog Log { get; }

    public int Phases { get; }

    /// <summary>Phase names; change it between actor systems to simulate a changed task definition.</summary>
    public Func<int, string> NameOf { get; set; } = i => $"phase-{i}";

    /// <summary>The exception phase <c>index</c> throws on attempt <c>attempt</c>, or null.</summary>
    public Func<int, int, Exception?> Failure { get; set; } = (_, _) => null;

    public RetryPolicy Retry { get; set; } = RetryPolicy.None;

    /// <summary>The retry policy of phase <c>index</c>; <see cref="Retry"/> unless set.</summary>
    public Func<int, RetryPolicy>? RetryOf { get; set; }

    /// <summary>Whether phase <c>index</c> on attempt <c>attempt</c> runs until its token is cancelled (its timeout), then a little longer, ignoring it.</summary>
    public Func<int, int, bool> WaitsForTimeout { get; set; } = (_, _) => false;

    /// <summary>The exception the undo of phase <c>index</c> throws (index -1: the custom revert), or null.</summary>
    public Func<int, Exception?> UndoFailure { get; set; } = _ => null;

    /// <summary>Plan code throws right before yielding phase <c>i</c> (0: before the first yield; <see cref="Phases"/>: after the last).</summary>
    public int? PlanThrowsAt { get; set; }

    /// <summary>The plan's finally block throws.</summary>
    public bool FinallyThrows { get; set; }

    /// <summary>The task type's Validate throws (not a TaskInputException: a bug in the task type).</summary>
    public bool ValidateThrows { get; set; }

    /// <summary>The task type's ExpectedPhaseCount throws.</summary>
    public bool ExpectedCountThrows { get; set; }

    /// <summary>The time limit of phase <c>index</c>, or null.</summary>
    public Func<int, TimeSpan?> Timeout { get; set; } = _ => null;

    /// <summary>Whether phase <c>index</c> on attempt <c>attempt</c> ignores its cancellation token (at its gates).</summary>
    public Func<int, int, bool> IgnoresToken { get; set; } = (_, _) => false;

    /// <summary>The progress phase <c>index</c> reports after its effect, or null.</summary>
    public Func<int, PhaseProgress?> Progress { get; set; } = _ => null;

    /// <summary>What phase <c>index</c> returns on attempt <c>attempt</c> instead of <c>out-i</c> (for outputs that do not serialise).</summary>
    public Func<int, int, object?>? OutputOf { get; set; }

    /// <summary>When set, phase 0 returns this value and phase 1 is named after it: the plan branches on an output.</summary>
    public Func<string>? BranchChoice { get; set; }

    /// <summary>Each undo that ran: the phase and whether it was told the phase had completed.</summary>
    public ConcurrentQueue<(int Index, bool Completed)> UndoCompleted { get; } = new();

    /// <summary>What the custom revert received (for <see cref="ScriptedCustomRevertTask"/>).</summary>
    public RevertContext? CapturedRevert { get; set; }

    public string InputJson => $$"""{"script":"{{Id}}"}""";

    public static Script Get(string id) => All.TryGetValue(id, out var script) ? script : throw new InvalidOperationException($"No script {id}.");

    /// <summary>The gate at <paramref name="point"/> of phase <paramref name="index"/>: open unless the test closed it.</summary>
    public Gate At(GatePoint point, int index) => _gates.GetOrAdd($"{point}-{index}", _ => Gate.Opened());

    /// <summary>Replaces a gate with a closed one that the test releases (or that a crash abandons).</summary>
    public Gate Close(GatePoint point, int index)
    {
        var gate = Gate.Closed();
        _gates[$"{point}-{index}"] = gate;
        return gate;
    }

    /// <summary>Puts an open gate at a point, for the runs after a crash abandoned the one there.</summary>
    public void Open(GatePoint point, int index) => _gates[$"{point}-{index}"] = Gate.Opened();

    /// <summary>Opens every gate (for the run after a crash).</summary>
    public void OpenAll()
    {
        foreach (var key in _gates.Keys)
        {
            _gates[key] = Gate.Opened();
        }
    }

}
