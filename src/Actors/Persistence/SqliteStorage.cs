using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Persistence.Sql.Config;
using LinqToDB;
using Microsoft.Data.Sqlite;
using PhaseFlow.Actors.ReadModel;
using PhaseFlow.Actors.WakeUps;

namespace PhaseFlow.Actors.Persistence;

/// <summary>
/// The embedded default: journal, snapshots and sharding state in one SQLite file, in WAL mode.
/// </summary>
/// <remarks>
/// WAL lets readers (status queries, recovery) proceed while the journal writes. The plugin creates its tables on
/// first use. SQLite's default synchronous level in WAL mode is FULL here, so a committed event survives a
/// process crash and a power cut.
/// </remarks>
public sealed class SqliteStorage : IPhaseFlowStorage
{
    // Waiting tasks that left memory, and when each is due (see WakeUps.SqlWakeUpStore); PostgresSchema has its twin.
    private const string WakeUpTable = """
        CREATE TABLE IF NOT EXISTS task_wakeup (
            task_id TEXT NOT NULL PRIMARY KEY,
            due_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS task_wakeup_due ON task_wakeup (due_at);
        """;

    /// <summary>Initializes the storage for a database file.</summary>
    /// <param name="path">The database file; relative paths are resolved against the current directory.</param>
    /// <param name="busyTimeout">How long a write waits for SQLite's lock before it fails.</param>
    public SqliteStorage(string path, TimeSpan busyTimeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FullPath = System.IO.Path.GetFullPath(path);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FullPath,
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
            Pooling = true,
        }.ToString();
    }

    /// <summary>Gets the absolute path of the database file.</summary>
    public string FullPath { get; }

    /// <summary>Gets the connection string the persistence plugins use.</summary>
    public string ConnectionString { get; }

    /// <inheritdoc/>
    public string Description => $"SQLite {FullPath}";

    /// <summary>
    /// Creates the database's folder and file if needed and switches the file to WAL mode (a property of the file,
    /// so it stays on for every later connection), and creates the table of waiting tasks' wake-ups. Call before the
    /// actor system starts.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file cannot be created or opened, with the path and the reason.</exception>
    public void Prepare()
    {
        try
        {
            var folder = System.IO.Path.GetDirectoryName(FullPath);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            using var connection = new SqliteConnection(ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            var mode = command.ExecuteScalar() as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused WAL mode (it reports '{mode}').");
            }

            // Before the first task can wait out of memory (the plugins create their own tables on first use).
            command.CommandText = WakeUpTable;
            command.ExecuteNonQuery();
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new InvalidOperationException($"Cannot open the PhaseFlow database '{FullPath}': {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    public ITaskListStore CreateTaskListStore() => new SqliteTaskListStore(ConnectionString);

    /// <inheritdoc/>
    public ITaskJournalReader CreateTaskJournalReader() => new SqliteTaskJournalReader(ConnectionString);

    /// <inheritdoc/>
    public IAcceptedTasks CreateAcceptedTasks() => new SqliteAcceptedTasks(ConnectionString);

    /// <inheritdoc/>
    public IWakeUpStore CreateWakeUpStore() => new SqlWakeUpStore(async cancellationToken =>
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        SqliteBusyWait.Apply(connection);
        return connection;
    });

    /// <inheritdoc/>
    public ITaskJournalHeads CreateTaskJournalHeads() => new SqliteTaskJournalHeads(ConnectionString);

    /// <summary>
    /// Gets the plugins' connection options: this file, opened asynchronously (see <see cref="AsynchronousOpen"/>) so
    /// that concurrent writes share one commit, with SQLite waiting for its lock itself (see <see cref="SqliteBusyWait"/>).
    /// </summary>
    /// <returns>The setup.</returns>
    public Setup PluginSetup() => new DataOptionsSetup(PluginDataOptions());

    /// <summary>Gets the linq2db options the plugins open their connections with.</summary>
    /// <returns>The options.</returns>
    internal DataOptions PluginDataOptions() =>
        new DataOptions()
            .UseConnectionString(ProviderName.SQLiteMS, ConnectionString)
            .UseInterceptor(new AsynchronousOpen())
            .UseInterceptor(SqliteBusyWait.Instance);

    /// <summary>Gets the Akka configuration that points every persistence plugin at this file.</summary>
    /// <returns>A configuration to layer over <c>hocon/phaseflow.conf</c>.</returns>
    public Config ToConfig()
    {
        var quoted = HoconString.Quote(ConnectionString);
        return ConfigurationFactory.ParseString($$"""
            akka.persistence.journal.sql.connection-string = {{quoted}}
            akka.persistence.journal.sharding.connection-string = {{quoted}}
            akka.persistence.snapshot-store.sql.connection-string = {{quoted}}
            akka.persistence.snapshot-store.sharding.connection-string = {{quoted}}
            akka.persistence.query.journal.sql.connection-string = {{quoted}}
            """);
    }
}
