using Microsoft.Data.Sqlite;
using PhaseFlow.Actors.ReadModel;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Actors.ReadModel;

/// <summary>The task list rules (<see cref="TaskListStoreTests"/>) on SQLite, and what only SQLite has.</summary>
public sealed class SqliteTaskListStoreTests : TaskListStoreTests, IDisposable
{
    private readonly TestDatabase _database = new();

    public override Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_position_with_a_transaction_id_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Store.ApplyAsync([], new JournalPosition(7, 1), CancellationToken.None));

        Assert.Contains("names a transaction", error.Message, StringComparison.Ordinal);
        Assert.Equal(JournalPosition.Start, await Store.ReadPositionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_table_from_before_child_tasks_gets_the_parent_column_and_index_and_keeps_its_rows()
    {
        using var old = new TestDatabase();
        await using (var connection = new SqliteConnection(old.Storage.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();

            // The schema as it was before child tasks, with one listed task and the projection's position.
            command.CommandText = """
                CREATE TABLE task_list (
                    task_id TEXT NOT NULL PRIMARY KEY,
                    task_type TEXT NOT NULL,
                    state TEXT NOT NULL,
                    current_phase INTEGER NULL,
                    phases_completed INTEGER NOT NULL,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    last_sequence_nr INTEGER NOT NULL);
                CREATE INDEX task_list_newest ON task_list (created_at DESC, task_id DESC);
                CREATE TABLE projection_offset (projection TEXT NOT NULL PRIMARY KEY, ordering INTEGER NOT NULL);
                INSERT INTO task_list VALUES ('before', 'steps', 'Succeeded', 2, 3, 1000, 2000, 9);
                INSERT INTO projection_offset VALUES ('task-list', 41);
                """;
            await command.ExecuteNonQueryAsync();
        }

        var store = new SqliteTaskListStore(old.Storage.ConnectionString);
        await store.InitializeAsync(CancellationToken.None);
        await store.InitializeAsync(CancellationToken.None);
        await store.ApplyAsync(
            [new TaskListChange("before:1.1.1", 1, new TaskAccepted("before:1.1.1", "steps", "{}", "steps@1", DateTimeOffset.FromUnixTimeMilliseconds(3000), Lineage: ["before"]))],
            new JournalPosition(0, 42),
            CancellationToken.None);

        var rows = (await store.QueryAsync(new TaskListQuery(null, null, 10, null), CancellationToken.None)).Items;
        var before = rows.Single(r => r.Id == "before");
        Assert.Equal(("steps", TaskLifecycleState.Succeeded, 2, 3, 1000L, 2000L, (string?)null), (before.Type, before.State, before.CurrentPhase, before.PhasesCompleted, before.CreatedAt.ToUnixTimeMilliseconds(), before.UpdatedAt.ToUnixTimeMilliseconds(), before.ParentId));
        Assert.Equal(["before:1.1.1"], (await store.QueryAsync(new TaskListQuery(null, null, 10, null, "before"), CancellationToken.None)).Items.Select(i => i.Id));
        Assert.Equal(new JournalPosition(0, 42), await store.ReadPositionAsync(CancellationToken.None));
        Assert.Equal(["task_list_by_parent"], await ReadColumnAsync(old.Storage.ConnectionString, "SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'task_list_by_parent'", 0));
    }

    [Fact]
    public async Task Children_are_found_through_the_parent_index()
    {
        // The shape of SqliteTaskListStore's query for one parent's children; column 3 of a plan row is its detail.
        var plan = await ReadColumnAsync(
            _database.Storage.ConnectionString,
            "EXPLAIN QUERY PLAN SELECT task_id FROM task_list WHERE parent_id = 'p' AND (NULL IS NULL OR state = NULL) ORDER BY created_at DESC, task_id DESC LIMIT 10",
            3);

        Assert.Contains(plan, step => step.Contains("task_list_by_parent", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    protected override Task<ITaskListStore> CreateStoreAsync() => Task.FromResult<ITaskListStore>(new SqliteTaskListStore(_database.Storage.ConnectionString));

    private static async Task<List<string>> ReadColumnAsync(string connectionString, string sql, int column)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(column));
        }

        return values;
    }
}
