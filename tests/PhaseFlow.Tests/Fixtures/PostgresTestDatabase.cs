using Npgsql;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// A fresh PostgreSQL database for one test (<c>phaseflow_test_…</c>), created on the test server (see
/// <see cref="PostgresTestServer"/>) and dropped when the test ends.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    /// <summary>The variable that names the test server: a connection string to a maintenance database with the right to create databases.</summary>
    public const string ServerVariable = "PHASEFLOW_TEST_POSTGRES";

    private readonly string _server;

    private PostgresTestDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true }.ConnectionString;
        Journal = JournalReader.Postgres(ConnectionString);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>Gets a reader of the database's event journal.</summary>
    public JournalReader Journal { get; }

    /// <summary>Creates the database; fails the test, saying how to run it, when there is no server to create it on.</summary>
    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var server = PostgresTestServer.ConnectionString;
        var database = new PostgresTestDatabase(server, "phaseflow_test_" + Guid.NewGuid().ToString("N"));
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {database.Name}", connection);
        await command.ExecuteNonQueryAsync();
        return database;
    }

    /// <summary>Runs a query in the test database and returns the first column of every row.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var values = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();

        // FORCE ends the sessions of nodes that are still shutting down.
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
