namespace PhaseFlow.Actors.ReadModel;

/// <summary>What one read of the task journal found.</summary>
/// <param name="Settled">
/// Rows after the settled position, in journal order, that nothing can ever come before again: every row before the
/// last of them is in this batch or an earlier one. The task list may store its position after them.
/// </param>
/// <param name="Ahead">
/// Rows after the read-ahead position, in journal order, that are committed but not settled yet: a transaction that
/// is still open may add rows before them. The task list shows them early but reads them again once they settle.
/// </param>
public sealed record JournalBatch(IReadOnlyList<JournalRecord> Settled, IReadOnlyList<JournalRecord> Ahead)
{
    /// <summary>Gets a batch that found nothing.</summary>
    public static JournalBatch Empty { get; } = new([], []);
}
