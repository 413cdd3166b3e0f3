using System.Globalization;
using Npgsql;
using PhaseFlow.Actors.Hosting;

namespace PhaseFlow.Bench;

/// <summary>
/// A fresh PostgreSQL database (<c>phaseflow_bench_&lt;guid&gt;</c>) on the server of <c>--postgres</c> for one
/// measurement's node, which creates its tables itself; dropped with <c>WITH (FORCE)</c> afterwards.
/// </summary>
internal sealed class PostgresScratch : IBenchDatabase, IAsyncDisposable
{
    private readonly string _serverConnectionString;

    private PostgresScratch(string serverConnectionString, string name)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
    }

    public string Kind => "PostgreSQL";

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>Creates the database on the server that <paramref name="serverConnectionString"/> names.</summary>
    public static async Task<PostgresScratch> CreateAsync(string serverConnectionString)
    {
        var scratch = new PostgresScratch(serverConnectionString, $"phaseflow_bench_{Guid.NewGuid():N}");
        await scratch.OnServerAsync($"CREATE DATABASE {scratch.Name}").ConfigureAwait(false);
        return scratch;
    }

    public void Configure(PhaseFlowOptions options) => options.PostgresConnectionString = ConnectionString;

    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync().ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        // The node's pooled connections still point at the database; FORCE ends whatever is left of them.
        NpgsqlConnection.ClearAllPools();
        await OnServerAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)").ConfigureAwait(false);
    }

    private async Task OnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
