namespace PhaseFlow.Actors.ReadModel;

/// <summary>
/// A place in the task journal, in the order the task list reads it: by the writing transaction's id, then by the
/// row's <c>ordering</c>. On SQLite, whose writers take turns, the transaction id is always 0 and the ordering alone
/// is the order; on PostgreSQL see <see cref="PostgresTaskJournalReader"/> for why the transaction comes first.
/// </summary>
/// <param name="TransactionId">The id of the transaction that wrote the row (PostgreSQL's <c>xid8</c>); 0 on SQLite and for rows written before PhaseFlow recorded it.</param>
/// <param name="Ordering">The row's <c>ordering</c> column.</param>
public readonly record struct JournalPosition(ulong TransactionId, long Ordering) : IComparable<JournalPosition>
{
    /// <summary>Gets the position before the first row.</summary>
    public static JournalPosition Start => default;

    /// <summary>Compares two positions.</summary>
    /// <param name="left">The first position.</param>
    /// <param name="right">The second position.</param>
    /// <returns>Whether the first comes before the second.</returns>
    public static bool operator <(JournalPosition left, JournalPosition right) => left.CompareTo(right) < 0;

    /// <summary>Compares two positions.</summary>
    /// <param name="left">The first position.</param>
    /// <param name="right">The second position.</param>
    /// <returns>Whether the first comes after the second.</returns>
    public static bool operator >(JournalPosition left, JournalPosition right) => left.CompareTo(right) > 0;

    /// <summary>Compares two positions.</summary>
    /// <param name="left">The first position.</param>
    /// <param name="right">The second position.</param>
    /// <returns>Whether the first does not come after the second.</returns>
    public static bool operator <=(JournalPosition left, JournalPosition right) => left.CompareTo(right) <= 0;

    /// <summary>Compares two positions.</summary>
    /// <param name="left">The first position.</param>
    /// <param name="right">The second position.</param>
    /// <returns>Whether the first does not come before the second.</returns>
    public static bool operator >=(JournalPosition left, JournalPosition right) => left.CompareTo(right) >= 0;

    /// <summary>Gets the later of two positions.</summary>
    /// <param name="left">The first position.</param>
    /// <param name="right">The second position.</param>
    /// <returns>The one that comes last.</returns>
    public static JournalPosition Max(JournalPosition left, JournalPosition right) => left >= right ? left : right;

    /// <inheritdoc/>
    public int CompareTo(JournalPosition other)
    {
        var byTransaction = TransactionId.CompareTo(other.TransactionId);
        return byTransaction != 0 ? byTransaction : Ordering.CompareTo(other.Ordering);
    }

    /// <inheritdoc/>
    public override string ToString() => TransactionId == 0 ? $"ordering {Ordering}" : $"ordering {Ordering} (transaction {TransactionId})";
}
