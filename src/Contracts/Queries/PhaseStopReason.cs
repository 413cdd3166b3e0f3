namespace PhaseFlow.Contracts.Queries;

/// <summary>Why a running attempt was told to stop.</summary>
public enum PhaseStopReason
{
    /// <summary>The attempt ran past its phase's timeout; it counts as failed once its body returns.</summary>
    TimedOut,

    /// <summary>The task was cancelled; the revert starts once the body returns.</summary>
    Cancelled,

    /// <summary>A run of this attempt from before the task's actor restarted on this node is still going; the task waits for it.</summary>
    EarlierRun,
}
