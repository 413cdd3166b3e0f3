using Npgsql;

namespace PhaseFlow.Actors.Coordination;

/// <summary>
/// The <c>cluster_lease</c> table: one row per lease, naming its owner and when it expires by the database's clock.
/// Every statement is a single atomic row operation, so two nodes can never both hold a lease that has not expired.
/// </summary>
/// <remarks>
/// Expiry is measured by PostgreSQL's clock alone (<c>clock_timestamp()</c>), so the nodes' clocks never have to agree
/// with each other; a holder compares only durations on its own monotonic clock (see <see cref="LeaseKeeper"/>).
/// </remarks>
/// <param name="connectionString">The cluster database's Npgsql connection string.</param>
internal sealed class PostgresLeaseTable(string connectionString)
{
    // Takes a free or expired lease, or renews one the owner holds already; takes nothing from a live holder.
    private const string AcquireSql = """
        INSERT INTO cluster_lease (name, owner, expires_at) VALUES (@name, @owner, clock_timestamp() + @ttl)
        ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
        WHERE cluster_lease.owner = EXCLUDED.owner OR cluster_lease.expires_at < clock_timestamp()
        RETURNING name
        """;

    // One statement renews every lease a node holds; the rows it returns are the leases still the owner's.
    private const string RenewSql = """
        UPDATE cluster_lease SET expires_at = clock_timestamp() + @ttl
        WHERE owner = @owner AND name = ANY(@names)
        RETURNING name
        """;

    // How long the current holder's claim has left by the database's clock; no row when the lease is free.
    private const string TimeLeftSql = "SELECT GREATEST(expires_at - clock_timestamp(), interval '0') FROM cluster_lease WHERE name = @name";

    private const string ReleaseSql = "DELETE FROM cluster_lease WHERE name = @name AND owner = @owner";

    /// <summary>Takes a lease for <paramref name="owner"/> when it is free, expired or already theirs.</summary>
    /// <param name="name">The lease.</param>
    /// <param name="owner">Who takes it.</param>
    /// <param name="ttl">How long it stays theirs without a renewal.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the owner holds the lease now.</returns>
    public async Task<bool> TryAcquireAsync(string name, string owner, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(AcquireSql, connection);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("owner", owner);
        command.Parameters.AddWithValue("ttl", ttl);
        return await command.ExecuteScalarAsync(cancellationToken) is string;
    }

    /// <summary>Tells how long a lease stays its current holder's unless renewed.</summary>
    /// <param name="name">The lease.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The time left (zero when it has expired), or <see langword="null"/> when nobody holds it.</returns>
    public async Task<TimeSpan?> TimeLeftAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(TimeLeftSql, connection);
        command.Parameters.AddWithValue("name", name);
        return await command.ExecuteScalarAsync(cancellationToken) is TimeSpan left ? left : null;
    }

    /// <summary>Extends every named lease that <paramref name="owner"/> still holds by <paramref name="ttl"/> from now.</summary>
    /// <param name="owner">The holder.</param>
    /// <param name="names">The leases it believes it holds.</param>
    /// <param name="ttl">The new time to live.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The leases that were renewed; a name missing from it is no longer the owner's.</returns>
    public async Task<HashSet<string>> RenewAsync(string owner, IReadOnlyCollection<string> names, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var renewed = new HashSet<string>(StringComparer.Ordinal);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(RenewSql, connection);
        command.Parameters.AddWithValue("owner", owner);
        command.Parameters.AddWithValue("names", names.ToArray());
        command.Parameters.AddWithValue("ttl", ttl);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            renewed.Add(reader.GetString(0));
        }

        return renewed;
    }

    /// <summary>Gives a lease up so another owner can take it at once; does nothing to a lease someone else holds.</summary>
    /// <param name="name">The lease.</param>
    /// <param name="owner">Its holder.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the row is gone.</returns>
    public async Task ReleaseAsync(string name, string owner, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(ReleaseSql, connection);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("owner", owner);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
