namespace PhaseFlow.Bench;

/// <summary>How the raw PostgreSQL limit writes a transaction's rows.</summary>
internal enum PostgresBulkWrite
{
    /// <summary>One <c>INSERT ... VALUES (...), (...), ...</c> statement carrying every row of the transaction.</summary>
    MultiRowInsert,

    /// <summary>Npgsql's binary <c>COPY ... FROM STDIN</c> (<c>BeginBinaryImport</c>) inside the transaction.</summary>
    Copy,
}
