namespace PhaseFlow.Tests.Fixtures;

/// <summary>Where in a scripted phase a <see cref="Gate"/> stands.</summary>
public enum GatePoint
{
    /// <summary>Inside the phase, before its effect (<c>run i</c>): a crash here leaves no trace of the phase.</summary>
    BeforeEffect,

    /// <summary>Inside the phase, after its effect: a crash here means the effect happened but was not recorded.</summary>
    AfterEffect,

    /// <summary>Inside an undo, after <c>undo-start i</c> and before its effect (<c>undo i</c>).</summary>
    Undo,
}
