namespace PhaseFlow.Actors.Tasks;

/// <summary>What a <see cref="Work"/> is.</summary>
internal enum WorkKind
{
    /// <summary>An attempt of a phase body.</summary>
    Attempt,

    /// <summary>The undo of one phase (default revert).</summary>
    Undo,

    /// <summary>The task type's own revert.</summary>
    CustomRevert,

    /// <summary>A run from the actor's previous life on this node that has not returned; nothing starts until it has.</summary>
    EarlierRun,
}
