using System.Data.Common;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;

namespace PhaseFlow.Actors.ReadModel;

/// <summary>
/// Reads a page of the task list from the rows of its query (<c>task_id, task_type, state, current_phase,
/// phases_completed, created_at, updated_at, parent_id</c>, newest first, one row more than the page size), whatever the database.
/// </summary>
public static class TaskListPageReader
{
    /// <summary>The columns every store's list query selects, in the order <see cref="ReadAsync"/> reads them.</summary>
    public const string Columns = "task_id, task_type, state, current_phase, phases_completed, created_at, updated_at, parent_id";

    /// <summary>Reads the rows into a page; the extra row, if any, only tells that there is a next page.</summary>
    /// <param name="reader">The query's reader.</param>
    /// <param name="limit">The page size (the query asked for one row more).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The page, with the cursor of its last row when there is a next page.</returns>
    public static async Task<TaskListPage> ReadAsync(DbDataReader reader, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = new List<TaskListItem>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new TaskListItem(
                reader.GetString(0),
                reader.GetString(1),
                Enum.Parse<TaskLifecycleState>(reader.GetString(2)),
                reader.IsDBNull(3) ? null : reader.GetInt32(3),
                reader.GetInt32(4),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        if (rows.Count <= limit)
        {
            return new TaskListPage(rows, null);
        }

        var last = rows[limit - 1];
        return new TaskListPage(rows[..limit], new TaskListCursor(last.CreatedAt.ToUnixTimeMilliseconds(), last.Id).Encode());
    }
}
