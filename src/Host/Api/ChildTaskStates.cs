using System.Data.Common;
using PhaseFlow.Actors.ReadModel;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Queries;

namespace PhaseFlow.Host.Api;

/// <summary>
/// The live states of a task's children that the task has not heard finish, read from the task list in one query by
/// parent, so <c>GET /tasks/{id}</c> shows a running child as Running rather than as unknown.
/// </summary>
internal static class ChildTaskStates
{
    /// <summary>Reads the states, or none when every child is settled (or there are none).</summary>
    /// <param name="view">The parent's status.</param>
    /// <param name="taskList">The task list.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The states by child id; empty when the task list cannot be read (the parent's own status is still right, it just knows less).</returns>
    public static async Task<IReadOnlyDictionary<string, TaskLifecycleState>> ReadAsync(TaskStatusView view, ITaskListStore taskList, CancellationToken cancellationToken)
    {
        var children = view.Children ?? [];
        if (children.All(c => c.State is not null))
        {
            return new Dictionary<string, TaskLifecycleState>();
        }

        try
        {
            // Every row with this parent is one of these children, so a page as long as the list holds them all.
            var page = await taskList.QueryAsync(new TaskListQuery(null, null, children.Count, null, view.TaskId), cancellationToken);
            return page.Items.ToDictionary(i => i.Id, i => i.State, StringComparer.Ordinal);
        }
        catch (DbException)
        {
            return new Dictionary<string, TaskLifecycleState>();
        }
    }
}
