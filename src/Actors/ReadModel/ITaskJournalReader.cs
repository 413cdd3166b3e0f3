namespace PhaseFlow.Actors.ReadModel;

/// <summary>
/// Reads the task journal's rows directly from the database, for the task list. It decides which rows are settled,
/// that is, which no transaction can still add a row before; that is what keeps a late commit from being skipped.
/// </summary>
public interface ITaskJournalReader
{
    /// <summary>Reads the next rows: the settled ones after <paramref name="settledAfter"/> and the others after <paramref name="aheadAfter"/>.</summary>
    /// <param name="settledAfter">The position the task list has stored.</param>
    /// <param name="aheadAfter">The position the task list has shown early up to (never before <paramref name="settledAfter"/>).</param>
    /// <param name="limit">The most rows of each kind to return.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The rows found, each kind in journal order.</returns>
    Task<JournalBatch> ReadAsync(JournalPosition settledAfter, JournalPosition aheadAfter, int limit, CancellationToken cancellationToken);
}
