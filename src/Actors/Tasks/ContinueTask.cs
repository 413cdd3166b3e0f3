namespace PhaseFlow.Actors.Tasks;

/// <summary>Run the next step of the task (the next phase, a due retry, or the next undo).</summary>
public sealed record ContinueTask : ITaskActorSignal
{
    /// <summary>Gets the single instance.</summary>
    public static ContinueTask Instance { get; } = new();
}
