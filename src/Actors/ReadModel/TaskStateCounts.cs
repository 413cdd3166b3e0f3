using System.Data.Common;
using PhaseFlow.Contracts;

namespace PhaseFlow.Actors.ReadModel;

/// <summary>The count of listed tasks by state, the same query on SQLite and PostgreSQL.</summary>
internal static class TaskStateCounts
{
    /// <summary>The query: one row per state that has tasks.</summary>
    public const string Query = "SELECT state, COUNT(*) FROM task_list GROUP BY state";

    /// <summary>Reads the rows of <see cref="Query"/>.</summary>
    /// <param name="reader">The open reader.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The counts; a state name this version does not know is left out.</returns>
    public static async Task<IReadOnlyDictionary<TaskLifecycleState, long>> ReadAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<TaskLifecycleState, long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (Enum.TryParse<TaskLifecycleState>(reader.GetString(0), out var state))
            {
                counts[state] = reader.GetInt64(1);
            }
        }

        return counts;
    }
}
