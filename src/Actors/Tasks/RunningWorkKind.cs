namespace PhaseFlow.Actors.Tasks;

/// <summary>What a <see cref="RunningWork"/> is doing.</summary>
internal enum RunningWorkKind
{
    /// <summary>An attempt of a phase body.</summary>
    Phase,

    /// <summary>The undo of one completed phase (default revert).</summary>
    Undo,

    /// <summary>The task type's own revert.</summary>
    CustomRevert,
}
