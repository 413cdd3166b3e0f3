using Microsoft.Data.Sqlite;
using PhaseFlow.Actors.ReadModel;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Contracts.Queries;
using PhaseFlow.Host.Api;
using Xunit;

namespace PhaseFlow.Tests.Host.Api;

/// <summary>The live states <c>GET /tasks/{id}</c> fills in for children the parent has not heard finish.</summary>
public sealed class ChildTaskStatesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReadAsync_SomeChildrenNotSettled_AsksTheListOnceForThatParentsChildren()
    {
        var store = new RecordingStore(new TaskListPage([Item("p:1.1.2", TaskLifecycleState.Reverting), Item("p:1.1.3", TaskLifecycleState.Pending)], null));
        var view = View([new ChildTaskView("p:1.1.1", 0, 1, TaskLifecycleState.Succeeded), new ChildTaskView("p:1.1.2", 0, 1, null), new ChildTaskView("p:1.1.3", 0, 1, null)]);

        var states = await ChildTaskStates.ReadAsync(view, store, CancellationToken.None);
        var resource = TaskResourceMapper.ToResource(view, states);

        Assert.Equal(new TaskListQuery(null, null, 3, null, "p"), Assert.Single(store.Queries));
        Assert.Equal(
            [TaskLifecycleState.Succeeded, TaskLifecycleState.Reverting, TaskLifecycleState.Pending],
            resource.Children!.Select(c => c.State));
        Assert.Equal(["p:1.1.1", "p:1.1.2", "p:1.1.3"], resource.Children!.Select(c => c.Id));
    }

    [Fact]
    public async Task ReadAsync_EveryChildSettledOrNone_DoesNotAskTheList()
    {
        var store = new RecordingStore(new TaskListPage([], null));

        await ChildTaskStates.ReadAsync(View([new ChildTaskView("p:1.1.1", 0, 1, TaskLifecycleState.Reverted)]), store, CancellationToken.None);
        await ChildTaskStates.ReadAsync(View(null), store, CancellationToken.None);

        Assert.Empty(store.Queries);
    }

    [Fact]
    public async Task ReadAsync_TheParentKnowsBetterThanTheList_KeepsWhatTheParentRecorded()
    {
        // The list still has the child Running; the parent has recorded that it reverted.
        var store = new RecordingStore(new TaskListPage([Item("p:1.1.1", TaskLifecycleState.Running), Item("p:1.1.2", TaskLifecycleState.Running)], null));
        var view = View([new ChildTaskView("p:1.1.1", 0, 1, TaskLifecycleState.Reverted), new ChildTaskView("p:1.1.2", 0, 1, null)]);

        var resource = TaskResourceMapper.ToResource(view, await ChildTaskStates.ReadAsync(view, store, CancellationToken.None));

        Assert.Equal([TaskLifecycleState.Reverted, TaskLifecycleState.Running], resource.Children!.Select(c => c.State));
    }

    [Fact]
    public async Task ReadAsync_ListCannotBeRead_LeavesTheStatesUnknownInsteadOfFailingTheRequest()
    {
        var store = new RecordingStore(null);
        var view = View([new ChildTaskView("p:1.1.1", 0, 1, null)]);

        var resource = TaskResourceMapper.ToResource(view, await ChildTaskStates.ReadAsync(view, store, CancellationToken.None));

        Assert.Null(Assert.Single(resource.Children!).State);
    }

    private static TaskListItem Item(string id, TaskLifecycleState state) => new(id, "steps", state, 0, 0, T0, T0, "p");

    private static TaskStatusView View(IReadOnlyList<ChildTaskView>? children) =>
        new("p", "fan-out", TaskLifecycleState.Running, "{}", "fan-out@1", 0, [], null, null, T0, T0, Children: children);

    /// <summary>Answers every query with one page (or fails like a database that is down, when there is none) and records the queries.</summary>
    private sealed class RecordingStore(TaskListPage? page) : ITaskListStore
    {
        public List<TaskListQuery> Queries { get; } = [];

        public Task<TaskListPage> QueryAsync(TaskListQuery query, CancellationToken cancellationToken)
        {
            Queries.Add(query);
            return page is null ? Task.FromException<TaskListPage>(new SqliteException("database is locked", 5)) : Task.FromResult(page);
        }

        public Task InitializeAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<JournalPosition> ReadPositionAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task ApplyAsync(IReadOnlyList<TaskListChange> changes, JournalPosition position, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyDictionary<TaskLifecycleState, long>> CountByStateAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
