namespace PhaseFlow.Contracts.Authoring;

/// <summary>What a plan can see while it decides which phase comes next.</summary>
/// <remarks>
/// A plan must be deterministic given its input and the outputs it reads here: on recovery it is enumerated
/// again and must yield the same phase names. Do not read the clock, random numbers, files or the network
/// in plan code — do that inside a phase and read the phase's recorded output instead.
/// </remarks>
public sealed class PlanContext
{
    /// <summary>Initializes a plan context. PhaseFlow's runner creates these; it is public so task libraries can unit-test plans.</summary>
    /// <param name="taskId">The task's id.</param>
    /// <param name="outputs">The outputs of the phases that have completed (or been replayed) so far.</param>
    public PlanContext(string taskId, PhaseOutputs outputs)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        ArgumentNullException.ThrowIfNull(outputs);
        TaskId = taskId;
        Outputs = outputs;
    }

    /// <summary>Gets the task's id.</summary>
    public string TaskId { get; }

    /// <summary>Gets the outputs of the phases completed so far; recorded outputs during replay.</summary>
    public PhaseOutputs Outputs { get; }
}
