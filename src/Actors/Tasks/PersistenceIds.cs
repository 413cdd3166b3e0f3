namespace PhaseFlow.Actors.Tasks;

/// <summary>How task ids map to journal persistence ids. Never change it: existing journals are found by it.</summary>
public static class PersistenceIds
{
    /// <summary>The prefix of every task's persistence id.</summary>
    public const string TaskPrefix = "task-";

    /// <summary>Gets the persistence id of a task.</summary>
    /// <param name="taskId">The task's id.</param>
    /// <returns><c>task-{taskId}</c>.</returns>
    public static string ForTask(string taskId) => TaskPrefix + taskId;
}
