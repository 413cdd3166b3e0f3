using Microsoft.Data.Sqlite;
using PhaseFlow.Actors.Persistence;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>A SQLite file of its own for one test in a <see cref="TempFolder"/> (deleted afterwards), and a reader of its journal.</summary>
public sealed class TestDatabase : IDisposable
{
    private readonly TempFolder _folder = new("sqlite");

    public TestDatabase()
    {
        var path = _folder.Combine("journal.db");
        Storage = new SqliteStorage(path, TimeSpan.FromSeconds(30));
        Storage.Prepare();
        Journal = JournalReader.Sqlite(path);
    }

    public string Folder => _folder.Path;

    public SqliteStorage Storage { get; }

    public JournalReader Journal { get; }

    /// <summary>Reads every journal row of one persistence id, in order (<see cref="JournalReader.Read"/>).</summary>
    public IReadOnlyList<JournalRow> JournalOf(string persistenceId) => Journal.Read(persistenceId);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
