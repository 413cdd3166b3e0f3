using Microsoft.Data.Sqlite;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>Counts the rows of a node's SQLite task journal, read-only, while the node runs.</summary>
public static class JournalRowCount
{
    /// <summary>Counts every row of the <c>journal</c> table (the tasks' events; sharding keeps its own tables).</summary>
    /// <param name="database">The node's database file (<see cref="NodeProcess.DatabasePath"/>).</param>
    /// <returns>The number of rows.</returns>
    public static long Read(string database)
    {
        // Read-only and unpooled: the test must never write to, or keep open, the node's database.
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM journal";
        return (long)command.ExecuteScalar()!;
    }
}
