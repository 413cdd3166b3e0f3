using PhaseFlow.Actors.ReadModel;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Actors.ReadModel;

/// <summary>
/// The task list table, the same rules on every database: idempotent batches, rows that never go back, the stored
/// position, filters and cursors. <see cref="SqliteTaskListStoreTests"/> and <see cref="PostgresTaskListStoreTests"/>
/// run these tests against each store.
/// </summary>
public abstract class TaskListStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private ITaskListStore _store = null!;

    protected ITaskListStore Store => _store;

    public async Task InitializeAsync()
    {
        _store = await CreateStoreAsync();
        await _store.InitializeAsync(CancellationToken.None);
    }

    public abstract Task DisposeAsync();

    /// <summary>Creates the store on a fresh, empty database.</summary>
    protected abstract Task<ITaskListStore> CreateStoreAsync();

    [Fact]
    public async Task A_batch_applied_twice_changes_nothing_the_second_time()
    {
        var batch = Lifecycle("a", T0);

        await _store.ApplyAsync(batch, At(4), CancellationToken.None);
        await _store.ApplyAsync(batch, At(4), CancellationToken.None);

        var row = (await _store.QueryAsync(new TaskListQuery(null, null, 10, null), CancellationToken.None)).Items.Single();
        Assert.Equal(TaskLifecycleState.Succeeded, row.State);
        Assert.Equal(1, row.PhasesCompleted);
        Assert.Equal(0, row.CurrentPhase);
        Assert.Equal(At(4), await _store.ReadPositionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_event_older_than_the_row_is_ignored_and_the_offset_never_goes_back()
    {
        var batch = Lifecycle("a", T0);
        await _store.ApplyAsync(batch, At(10), CancellationToken.None);

        // A replay of the second event (Running) after the row shows Succeeded.
        await _store.ApplyAsync([batch[1]], At(2), CancellationToken.None);

        var row = (await _store.QueryAsync(new TaskListQuery(null, null, 10, null), CancellationToken.None)).Items.Single();
        Assert.Equal(TaskLifecycleState.Succeeded, row.State);
        Assert.Equal(At(10), await _store.ReadPositionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Counts_by_state_cover_every_listed_task_and_leave_out_states_without_one()
    {
        Assert.Empty(await _store.CountByStateAsync(CancellationToken.None));
        var changes = new List<TaskListChange>(Lifecycle("done", T0));
        for (var i = 0; i < 3; i++)
        {
            changes.Add(new TaskListChange($"r{i}", 1, new TaskAccepted($"r{i}", "x", "{}", "x@1", T0)));
            changes.Add(new TaskListChange($"r{i}", 2, new PhaseStarted($"r{i}", 0, "p", 1, T0.AddSeconds(1))));
        }

        changes.Add(new TaskListChange("waiting", 1, new TaskAccepted("waiting", "x", "{}", "x@1", T0)));
        await _store.ApplyAsync(changes, At(changes.Count), CancellationToken.None);

        var counts = await _store.CountByStateAsync(CancellationToken.None);

        Assert.Equal(
            new Dictionary<TaskLifecycleState, long> { [TaskLifecycleState.Succeeded] = 1, [TaskLifecycleState.Running] = 3, [TaskLifecycleState.Pending] = 1 },
            counts);
    }

    [Fact]
    public async Task Pages_filter_by_state_and_type_and_continue_after_the_cursor()
    {
        var changes = new List<TaskListChange>();
        for (var i = 0; i < 5; i++)
        {
            // All in the same millisecond: the id breaks the tie, so paging is still exact.
            changes.Add(new TaskListChange($"t{i}", 1, new TaskAccepted($"t{i}", i % 2 == 0 ? "even" : "odd", "{}", "x@1", T0)));
        }

        changes.Add(new TaskListChange("t0", 2, new PhaseStarted("t0", 0, "p", 1, T0.AddSeconds(1))));
        await _store.ApplyAsync(changes, At(6), CancellationToken.None);

        var first = await _store.QueryAsync(new TaskListQuery(null, null, 2, null), CancellationToken.None);
        Assert.True(TaskListCursor.TryDecode(first.Next!, out var cursor));
        var second = await _store.QueryAsync(new TaskListQuery(null, null, 2, cursor), CancellationToken.None);
        Assert.True(TaskListCursor.TryDecode(second.Next!, out cursor));
        var third = await _store.QueryAsync(new TaskListQuery(null, null, 2, cursor), CancellationToken.None);

        Assert.Equal(["t4", "t3", "t2", "t1", "t0"], first.Items.Concat(second.Items).Concat(third.Items).Select(i => i.Id));
        Assert.Null(third.Next);
        Assert.Equal(["t4", "t2", "t0"], (await _store.QueryAsync(new TaskListQuery(null, "even", 10, null), CancellationToken.None)).Items.Select(i => i.Id));
        Assert.Equal(["t0"], (await _store.QueryAsync(new TaskListQuery(TaskLifecycleState.Running, null, 10, null), CancellationToken.None)).Items.Select(i => i.Id));
        Assert.Equal(["t4", "t2"], (await _store.QueryAsync(new TaskListQuery(TaskLifecycleState.Pending, "even", 10, null), CancellationToken.None)).Items.Select(i => i.Id));
    }

    [Fact]
    public async Task Children_are_listed_by_parent_with_the_other_filters_and_paging()
    {
        var changes = new List<TaskListChange> { new("p", 1, new TaskAccepted("p", "fan-out", "{}", "fan-out@1", T0)) };
        for (var i = 1; i <= 5; i++)
        {
            // All in the same millisecond, like children a phase starts at once: the id orders them.
            var id = $"p:1.1.{i}";
            changes.Add(new TaskListChange(id, 1, new TaskAccepted(id, "steps", "{}", "steps@1", T0.AddSeconds(1), Lineage: ["p"])));
        }

        changes.Add(new TaskListChange("p:1.1.1", 2, new PhaseStarted("p:1.1.1", 0, "step-0", 1, T0.AddSeconds(2))));
        changes.Add(new TaskListChange("p:1.1.2:1.1.1", 1, new TaskAccepted("p:1.1.2:1.1.1", "steps", "{}", "steps@1", T0.AddSeconds(3), Lineage: ["p", "p:1.1.2"])));
        changes.Add(new TaskListChange("other", 1, new TaskAccepted("other", "steps", "{}", "steps@1", T0.AddSeconds(4))));
        await _store.ApplyAsync(changes, At(changes.Count), CancellationToken.None);

        var everything = (await _store.QueryAsync(new TaskListQuery(null, null, 20, null), CancellationToken.None)).Items.ToDictionary(i => i.Id, i => i.ParentId);
        var pages = new List<string>();
        TaskListCursor? cursor = null;
        do
        {
            var page = await _store.QueryAsync(new TaskListQuery(null, null, 2, cursor, "p"), CancellationToken.None);
            pages.Add(string.Join(",", page.Items.Select(i => i.Id)));
            cursor = page.Next is { } next && TaskListCursor.TryDecode(next, out var decoded) ? decoded : null;
        }
        while (cursor is not null);

        Assert.Equal(8, everything.Count);
        Assert.Null(everything["p"]);
        Assert.Null(everything["other"]);
        Assert.Equal("p", everything["p:1.1.3"]);
        Assert.Equal("p:1.1.2", everything["p:1.1.2:1.1.1"]);
        Assert.Equal(["p:1.1.5,p:1.1.4", "p:1.1.3,p:1.1.2", "p:1.1.1"], pages);
        Assert.Equal(["p:1.1.1"], (await _store.QueryAsync(new TaskListQuery(TaskLifecycleState.Running, null, 10, null, "p"), CancellationToken.None)).Items.Select(i => i.Id));
        Assert.Equal(["p:1.1.2:1.1.1"], (await _store.QueryAsync(new TaskListQuery(TaskLifecycleState.Pending, "steps", 10, null, "p:1.1.2"), CancellationToken.None)).Items.Select(i => i.Id));
        Assert.Empty((await _store.QueryAsync(new TaskListQuery(null, "fan-out", 10, null, "p"), CancellationToken.None)).Items);
        Assert.Empty((await _store.QueryAsync(new TaskListQuery(null, null, 10, null, "nobody"), CancellationToken.None)).Items);
    }

    [Fact]
    public async Task A_parent_with_a_thousand_children_lists_them_all_in_one_page()
    {
        var changes = new List<TaskListChange>();
        for (var i = 1; i <= 1000; i++)
        {
            var id = $"big:1.1.{i}";
            changes.Add(new TaskListChange(id, 1, new TaskAccepted(id, "steps", "{}", "steps@1", T0, Lineage: ["big"])));
        }

        changes.Add(new TaskListChange("big:1.1.7", 2, new PhaseStarted("big:1.1.7", 0, "step-0", 1, T0.AddSeconds(1))));
        await _store.ApplyAsync(changes, At(1), CancellationToken.None);

        var page = await _store.QueryAsync(new TaskListQuery(null, null, 1000, null, "big"), CancellationToken.None);

        Assert.Equal(1000, page.Items.Count);
        Assert.Null(page.Next);
        Assert.Equal(TaskLifecycleState.Running, page.Items.Single(i => i.Id == "big:1.1.7").State);
    }

    [Fact]
    public async Task A_change_read_ahead_applies_only_right_after_the_previous_event_of_its_task()
    {
        var batch = Lifecycle("a", T0);
        await _store.ApplyAsync([batch[0]], At(1), CancellationToken.None);

        // The completion was read ahead while the start (sequence number 2) was not visible yet: it must wait.
        await _store.ApplyAsync([batch[2] with { RequiresPrevious = true }], At(1), CancellationToken.None);
        var waiting = (await _store.QueryAsync(new TaskListQuery(null, null, 10, null), CancellationToken.None)).Items.Single();
        await _store.ApplyAsync([batch[1], batch[2] with { RequiresPrevious = true }], At(3), CancellationToken.None);

        var row = (await _store.QueryAsync(new TaskListQuery(null, null, 10, null), CancellationToken.None)).Items.Single();
        Assert.Equal((TaskLifecycleState.Pending, 0), (waiting.State, waiting.PhasesCompleted));
        Assert.Equal((TaskLifecycleState.Running, 1, 0), (row.State, row.PhasesCompleted, row.CurrentPhase));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 !")]
    [InlineData("MTIz")]
    public void A_token_that_is_not_a_cursor_is_refused(string token) => Assert.False(TaskListCursor.TryDecode(token, out _));

    protected static JournalPosition At(long ordering) => new(0, ordering);

    private static List<TaskListChange> Lifecycle(string id, DateTimeOffset at) =>
    [
        new(id, 1, new TaskAccepted(id, "steps", "{}", "steps@1", at)),
        new(id, 2, new PhaseStarted(id, 0, "step-0", 1, at.AddSeconds(1))),
        new(id, 3, new PhaseCompleted(id, 0, "step-0", null, at.AddSeconds(2))),
        new(id, 4, new TaskSucceeded(id, at.AddSeconds(3))),
    ];
}
