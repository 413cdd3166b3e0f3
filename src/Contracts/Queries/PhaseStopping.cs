namespace PhaseFlow.Contracts.Queries;

/// <summary>
/// A running attempt that was told to stop and whose body has not returned yet. Nothing else of the task starts until
/// it has: a body that ignores its cancellation token keeps the task waiting here.
/// </summary>
/// <param name="Reason">Why the attempt was told to stop.</param>
/// <param name="Since">When it was told.</param>
public sealed record PhaseStopping(PhaseStopReason Reason, DateTimeOffset Since);
