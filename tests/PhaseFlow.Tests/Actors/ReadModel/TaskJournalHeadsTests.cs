using Npgsql;
using PhaseFlow.Actors.Persistence;
using PhaseFlow.Actors.Tasks;
using PhaseFlow.Contracts;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Actors.ReadModel;

/// <summary>How far many tasks' journals reach, read in one query from SQLite and PostgreSQL.</summary>
public sealed class TaskJournalHeadsTests(ITestOutputHelper output) : PhaseFlowTestKit(output)
{
    [Fact]
    public async Task Sqlite_ReadAsync_GivesEachTasksLastSequenceNumber_AndLeavesOutTasksWithoutEvents()
    {
        var heads = Database.Storage.CreateTaskJournalHeads();

        // Before the plugin has created the journal table.
        Assert.Empty(await heads.ReadAsync(["none"], CancellationToken.None));

        await using (var node = TaskNode.Start(Database))
        {
            await node.Submit("two", ScriptedTask.Name, new Script(Runs, phases: 2).InputJson);
            await node.Submit("one", ScriptedTask.Name, new Script(Runs, phases: 1).InputJson);
            await WaitForState(node, "two", TaskLifecycleState.Succeeded);
            await WaitForState(node, "one", TaskLifecycleState.Succeeded);
        }

        // Far more ids than SQLite takes parameters in one statement.
        var ids = Enumerable.Range(0, 40_000).Select(i => $"unknown-{i}").Append("two").Append("one").Append("two").ToArray();
        var found = await heads.ReadAsync(ids, CancellationToken.None);

        Assert.Equal(2, found.Count);
        Assert.Equal(Database.JournalOf(PersistenceIds.ForTask("two")).Max(r => r.SequenceNr), found["two"]);
        Assert.Equal(Database.JournalOf(PersistenceIds.ForTask("one")).Max(r => r.SequenceNr), found["one"]);
        Assert.True(found["two"] > found["one"], $"two phases ({found["two"]}) should reach further than one ({found["one"]})");
    }

    [Fact]
    public async Task Postgres_ReadAsync_GivesEachTasksLastSequenceNumber_AndLeavesOutTasksWithoutEvents()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var storage = new PostgresStorage(database.ConnectionString);
        storage.Prepare();
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO journal (created, deleted, persistence_id, sequence_number, message)
                SELECT 0, FALSE, p, s, '\x00'::bytea FROM (VALUES ('task-a', 1), ('task-a', 2), ('task-a', 3), ('task-b', 1), ('other-c', 7)) v(p, s)
                """,
                connection);
            await insert.ExecuteNonQueryAsync();
        }

        var found = await storage.CreateTaskJournalHeads().ReadAsync(["a", "b", "c", "none", "a"], CancellationToken.None);

        // "c" has rows only under a persistence id that is not a task's.
        Assert.Equal(new Dictionary<string, long> { ["a"] = 3, ["b"] = 1 }, found);
    }
}
