using Npgsql;
using PhaseFlow.Actors.Tasks;

namespace PhaseFlow.Actors.Persistence;

/// <summary>
/// <see cref="IAcceptedTasks"/> over the cluster's PostgreSQL database: a read of the <c>journal</c> table's
/// (persistence_id, sequence_number) unique index, which <see cref="PostgresStorage.Prepare"/> creates before the
/// node starts.
/// </summary>
/// <param name="connectionString">The database's Npgsql connection string.</param>
public sealed class PostgresAcceptedTasks(string connectionString) : IAcceptedTasks
{
    /// <inheritdoc/>
    public async Task<bool> ContainsAsync(string taskId, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM journal WHERE persistence_id = @id)", connection);
        command.Parameters.AddWithValue("id", PersistenceIds.ForTask(taskId));
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }
}
