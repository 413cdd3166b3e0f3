using PhaseFlow.Actors.Persistence;
using PhaseFlow.Actors.ReadModel;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Actors.ReadModel;

/// <summary>The task list rules (<see cref="TaskListStoreTests"/>) on PostgreSQL, and its positions with transaction ids.</summary>
public sealed class PostgresTaskListStoreTests : TaskListStoreTests
{
    private PostgresTestDatabase? _database;

    public override async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_position_keeps_its_transaction_id_and_never_goes_back()
    {
        await Store.ApplyAsync([], new JournalPosition(900, 12), CancellationToken.None);
        await Store.ApplyAsync([], new JournalPosition(899, 40), CancellationToken.None);

        Assert.Equal(new JournalPosition(900, 12), await Store.ReadPositionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_table_from_before_child_tasks_gets_the_parent_column_and_index_and_keeps_its_rows()
    {
        await using var old = await PostgresTestDatabase.CreateAsync();

        // The schema as it was before child tasks, with one listed task and the projection's position.
        await old.QueryAsync<int>("""
            CREATE TABLE task_list (
                task_id text NOT NULL PRIMARY KEY,
                task_type text NOT NULL,
                state text NOT NULL,
                current_phase integer NULL,
                phases_completed integer NOT NULL,
                created_at bigint NOT NULL,
                updated_at bigint NOT NULL,
                last_sequence_nr bigint NOT NULL);
            CREATE INDEX task_list_newest ON task_list (created_at DESC, task_id DESC);
            CREATE TABLE projection_offset (projection text NOT NULL PRIMARY KEY, ordering bigint NOT NULL);
            INSERT INTO task_list VALUES ('before', 'steps', 'Succeeded', 2, 3, 1000, 2000, 9);
            INSERT INTO projection_offset VALUES ('task-list', 41);
            """);

        var storage = new PostgresStorage(old.ConnectionString);
        storage.Prepare();
        storage.Prepare();
        var store = storage.CreateTaskListStore();
        await store.InitializeAsync(CancellationToken.None);
        await store.ApplyAsync(
            [new TaskListChange("before:1.1.1", 1, new TaskAccepted("before:1.1.1", "steps", "{}", "steps@1", DateTimeOffset.FromUnixTimeMilliseconds(3000), Lineage: ["before"]))],
            new JournalPosition(5, 42),
            CancellationToken.None);

        var rows = (await store.QueryAsync(new TaskListQuery(null, null, 10, null), CancellationToken.None)).Items;
        var before = rows.Single(r => r.Id == "before");
        Assert.Equal(("steps", TaskLifecycleState.Succeeded, 2, 3, 1000L, 2000L, (string?)null), (before.Type, before.State, before.CurrentPhase, before.PhasesCompleted, before.CreatedAt.ToUnixTimeMilliseconds(), before.UpdatedAt.ToUnixTimeMilliseconds(), before.ParentId));
        Assert.Equal(["before:1.1.1"], (await store.QueryAsync(new TaskListQuery(null, null, 10, null, "before"), CancellationToken.None)).Items.Select(i => i.Id));
        Assert.Equal(new JournalPosition(5, 42), await store.ReadPositionAsync(CancellationToken.None));
        Assert.Equal(["task_list_by_parent"], await old.QueryAsync<string>("SELECT indexname::text FROM pg_indexes WHERE tablename = 'task_list' AND indexname = 'task_list_by_parent'"));
    }

    protected override async Task<ITaskListStore> CreateStoreAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        var storage = new PostgresStorage(_database.ConnectionString);
        storage.Prepare();
        return storage.CreateTaskListStore();
    }
}
