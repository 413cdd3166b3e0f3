using Microsoft.Data.Sqlite;
using PhaseFlow.Actors.Hosting;

namespace PhaseFlow.Bench;

/// <summary>A fresh temporary folder for one measurement's database, deleted afterwards.</summary>
internal sealed class Scratch : IBenchDatabase, IDisposable
{
    public Scratch(string name)
    {
        Folder = Path.Combine(Path.GetTempPath(), "phaseflow-bench", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string Database => Path.Combine(Folder, "phaseflow.db");

    public string Kind => "SQLite";

    public void Configure(PhaseFlowOptions options) => options.SqlitePath = Database;

    public Task<long> CountAsync(string sql) => Task.FromResult(Count(sql));

    /// <summary>Counts the rows of one table of this folder's node database.</summary>
    public long Count(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
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
            // A file still held by an aborted node's background thread; the OS cleans its temp folder.
        }
    }
}
