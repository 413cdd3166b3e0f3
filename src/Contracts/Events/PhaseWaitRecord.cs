namespace PhaseFlow.Contracts.Events;

/// <summary>
/// What a waiting phase's attempt waits for, fixed when the attempt starts (so a restart, another node or a changed
/// definition wait for the same thing until the same time).
/// </summary>
/// <param name="Kind">A delay or a signal.</param>
/// <param name="Signal">The signal's name, for <see cref="PhaseWaitKind.Signal"/>.</param>
/// <param name="Until">When a delay ends, or when a signal wait times out; <see langword="null"/> for a signal wait without a timeout.</param>
/// <param name="Tasks">
/// For <see cref="PhaseWaitKind.Children"/>, the ids of the children this attempt starts, in order; for
/// <see cref="PhaseWaitKind.Task"/>, the one task it waits for. <see langword="null"/> otherwise.
/// </param>
public sealed record PhaseWaitRecord(PhaseWaitKind Kind, string? Signal, DateTimeOffset? Until, IReadOnlyList<string>? Tasks = null)
{
    /// <inheritdoc/>
    public bool Equals(PhaseWaitRecord? other) =>
        other is not null
        && Kind == other.Kind
        && Signal == other.Signal
        && Until == other.Until
        && (Tasks ?? []).SequenceEqual(other.Tasks ?? []);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Signal, Until, Tasks?.Count ?? 0);
}
