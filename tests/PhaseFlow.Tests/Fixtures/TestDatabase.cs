using Microsoft.Data.Sqlite;
using PhaseFlow.Actors.Persistence;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>A SQLite file of its own for one test, deleted afterwards, plus ways to read the journal directly.</summary>
public sealed class TestDatabase : IDisposable
{
    public TestDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "phaseflow-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Storage = new SqliteStorage(Path.Combine(Folder, "journal.db"), TimeSpan.FromSeconds(30));
        Storage.Prepare();
    }

    public string Folder { get; }

    public SqliteStorage Storage { get; }

    /// <summary>Reads every journal row of one persistence id, in order: (sequence number, manifest, JSON payload).</summary>
    public IReadOnlyList<(long SequenceNr, string Manifest, string Json)> JournalOf(string persistenceId)
    {
        using var connection = new SqliteConnection(Storage.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence_number, manifest, message FROM journal WHERE persistence_id = $id ORDER BY sequence_number";
        command.Parameters.AddWithValue("$id", persistenceId);
        using var reader = command.ExecuteReader();
        var rows = new List<(long, string, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1), System.Text.Encoding.UTF8.GetString((byte[])reader[2])));
        }

        return rows;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a background thread of an aborted system; the temp folder is cleaned by the OS.
        }
    }
}
