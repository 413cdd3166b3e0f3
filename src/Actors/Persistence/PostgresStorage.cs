using Akka.Actor.Setup;
using Akka.Configuration;
using Npgsql;
using PhaseFlow.Actors.ReadModel;
using PhaseFlow.Actors.WakeUps;

namespace PhaseFlow.Actors.Persistence;

/// <summary>
/// The cluster storage: journal, snapshots, sharding state and the task list in one PostgreSQL database that every
/// node shares, through Akka.Persistence.Sql's <c>PostgreSQL.15</c> provider (Npgsql).
/// </summary>
/// <remarks>
/// <see cref="Prepare"/> creates every table itself, under a PostgreSQL advisory lock, and the plugins' own
/// auto-initialisation is switched off: PostgreSQL's <c>CREATE TABLE IF NOT EXISTS</c> is not safe when several
/// sessions run it at once (the loser fails on a catalog unique index), which is exactly what nodes of a cluster
/// starting together would do.
/// </remarks>
public sealed class PostgresStorage : IPhaseFlowStorage
{
    /// <summary>The Akka.Persistence.Sql (linq2db) provider name for PostgreSQL 15 and later.</summary>
    public const string ProviderName = "PostgreSQL.15";

    /// <summary>How long the server lets a session of PhaseFlow's sit idle inside a transaction before it ends it.</summary>
    public const string IdleInTransactionTimeout = "10s";

    /// <summary>Initializes the storage for a database.</summary>
    /// <param name="connectionString">An Npgsql connection string, for example <c>Host=127.0.0.1;Port=5432;Database=phaseflow;Username=phaseflow;Password=…</c>.</param>
    /// <exception cref="ArgumentException">The connection string cannot be parsed.</exception>
    public PostgresStorage(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);

        // A node cut off from the database between a write and its COMMIT leaves its session idle in a transaction
        // that still holds the write's locks (a journal row's unique key), and the server keeps such a session until
        // TCP tells it the client is gone: hours by default, or never behind a proxy. The task's next owner, on
        // another node, would wait behind that lock all that time. Every transaction PhaseFlow opens is a few
        // statements long, so the server may end one that has waited on its client for 10 s. Options given in the
        // connection string come after this one and win.
        builder.Options = $"-c idle_in_transaction_session_timeout={IdleInTransactionTimeout} {builder.Options}".TrimEnd();
        ConnectionString = builder.ConnectionString;
        Description = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
    }

    /// <inheritdoc/>
    /// <remarks>Npgsql's awaits are truly asynchronous, so the plugin batches concurrent writes without help.</remarks>
    public Setup? PluginSetup() => null;

    /// <summary>Gets the connection string the plugins and the task list use.</summary>
    public string ConnectionString { get; }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public void Prepare()
    {
        try
        {
            // Start-up runs before the actor system exists and has nothing else to do meanwhile.
            PostgresSchema.CreateAsync(ConnectionString, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            throw new InvalidOperationException($"Cannot prepare the PhaseFlow database ({Description}): {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    public ITaskListStore CreateTaskListStore() => new PostgresTaskListStore(ConnectionString);

    /// <inheritdoc/>
    public ITaskJournalReader CreateTaskJournalReader() => new PostgresTaskJournalReader(ConnectionString);

    /// <inheritdoc/>
    public IAcceptedTasks CreateAcceptedTasks() => new PostgresAcceptedTasks(ConnectionString);

    /// <inheritdoc/>
    public IWakeUpStore CreateWakeUpStore() => new SqlWakeUpStore(async cancellationToken =>
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    });

    /// <inheritdoc/>
    public ITaskJournalHeads CreateTaskJournalHeads() => new PostgresTaskJournalHeads(ConnectionString);

    /// <inheritdoc/>
    public Config ToConfig()
    {
        var quoted = HoconString.Quote(ConnectionString);
        var plugins = new[]
        {
            "akka.persistence.journal.sql",
            "akka.persistence.journal.sharding",
            "akka.persistence.snapshot-store.sql",
            "akka.persistence.snapshot-store.sharding",
            "akka.persistence.query.journal.sql",
        };
        var lines = plugins.SelectMany(plugin => new[]
        {
            $"{plugin}.connection-string = {quoted}",
            $"{plugin}.provider-name = \"{ProviderName}\"",
            // Prepare() creates the tables; the plugins' own CREATE TABLE IF NOT EXISTS would race between nodes.
            $"{plugin}.auto-initialize = off",
        });

        // PostgreSQL takes concurrent writers, unlike SQLite (whose base setting is one): back to the plugin's default.
        var parallelism = """
            akka.persistence.journal.sql.parallelism = 3
            akka.persistence.journal.sharding.parallelism = 3
            """;
        return ConfigurationFactory.ParseString(string.Join('\n', lines) + "\n" + parallelism);
    }
}
