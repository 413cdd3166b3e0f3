using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>Reads a node's SQLite journal directly: what was really stored, whatever the API says.</summary>
public static class NodeJournal
{
    /// <summary>Reads the manifests and payloads of one persistence id's events, in order.</summary>
    /// <param name="database">The node's database file (<see cref="NodeProcess.DatabasePath"/>).</param>
    /// <param name="persistenceId">For example <c>task-t1</c>.</param>
    public static List<(string Manifest, JsonElement Event)> Read(string database, string persistenceId)
    {
        // No pooling: a connection left open must not outlive the test's node.
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT manifest, message FROM journal WHERE persistence_id = $id ORDER BY sequence_number";
        command.Parameters.AddWithValue("$id", persistenceId);
        using var reader = command.ExecuteReader();
        var events = new List<(string, JsonElement)>();
        while (reader.Read())
        {
            using var json = JsonDocument.Parse((byte[])reader[1]);
            events.Add((reader.GetString(0), json.RootElement.Clone()));
        }

        return events;
    }

    /// <summary>The indexes of the phases whose <c>PhaseCompleted</c> (E-PC) is stored, in journal order.</summary>
    public static List<int> CompletedPhases(string database, string persistenceId) =>
        [.. Read(database, persistenceId).Where(e => e.Manifest == "E-PC").Select(e => e.Event.GetProperty("index").GetInt32())];
}
