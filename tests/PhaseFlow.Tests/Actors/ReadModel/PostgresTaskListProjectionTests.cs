using System.Text;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Npgsql;
using PhaseFlow.Actors.Persistence;
using PhaseFlow.Actors.ReadModel;
using PhaseFlow.Actors.Serialization;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Actors.ReadModel;

/// <summary>
/// The task list projection on PostgreSQL, where a row's <c>ordering</c> is taken at insert but the row appears at
/// commit: a late commit is listed however late it comes, and a rolled-back insert (a hole for good) stops nothing.
/// </summary>
public sealed class PostgresTaskListProjectionTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output), IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TaskListProjectionSettings Fast = new(100, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    // The plugin's gap window (query-delay x max-tries) made small, so the old behaviour shows quickly.
    private static readonly Config NodeConfig = ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.actor.provider = local
        akka.persistence.query.journal.sql {
          refresh-interval = 100ms
          journal-sequence-retrieval { query-delay = 100ms, max-tries = 3 }
        }
        """);

    private PostgresTestDatabase _database = null!;
    private PostgresTaskListStore _store = null!;
    private ActorSystem _node = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        var storage = new PostgresStorage(_database.ConnectionString);
        storage.Prepare();
        _store = new PostgresTaskListStore(_database.ConnectionString);
        _node = ActorSystem.Create("node", NodeConfig.WithFallback(storage.ToConfig()).WithFallback(PhaseFlowHocon.Load()));
    }

    public async Task DisposeAsync()
    {
        await _node.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Projection_CommitLaterThanTheGapWindow_IsListedAndNeverSkipped()
    {
        // Task "late" takes its ordering first and commits last.
        await using var late = new NpgsqlConnection(_database.ConnectionString);
        await late.OpenAsync();
        var lateTransaction = await late.BeginTransactionAsync();
        var latePosition = await JournalRows.InsertAsync(late, lateTransaction, "task-late", 1, "E-TA", PhaseFlowSerializer.Id, Payload(Accepted("late", T0)));

        // The old way: the plugin's AllEvents, with its gap window of 300 ms.
        var allEvents = CreateTestProbe(_node);
        PersistenceQuery.Get(_node).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier)
            .AllEvents(Offset.NoOffset())
            .RunWith(Sink.ActorRef<EventEnvelope>(allEvents, "completed", e => e), _node.Materializer());

        await EventWriter.WriteAsync(_node, "early", Accepted("early", T0.AddSeconds(1)));

        // Starting runs the schema set-up too, which must not wait for the open transaction either.
        _node.ActorOf(TaskListProjection.Props(_store, new PostgresTaskJournalReader(_database.ConnectionString), Fast));

        // Listed while "late" is still open: read ahead, because an open transaction holds the settled position back.
        await AwaitAssertAsync(async () => Assert.Equal(["early"], await ListAsync()), Patience);

        // The plugin gave the hole up once its window passed: it delivers "early", after "late"'s ordering, and so never "late".
        var early = allEvents.ExpectMsg<EventEnvelope>(Patience);
        Assert.Equal(("task-early", true), (early.PersistenceId, ((Sequence)early.Offset).Value > latePosition.Ordering));
        var earlyPosition = await _database.Journal.FirstPositionAsync("task-early");
        Assert.True(earlyPosition.TransactionId > latePosition.TransactionId, "the plugin's own insert records its transaction");
        Assert.True(await _store.ReadPositionAsync(CancellationToken.None) < latePosition, "nothing settles past an open transaction");

        await lateTransaction.CommitAsync();
        await EventWriter.WriteAsync(_node, "after", Accepted("after", T0.AddSeconds(2)));

        await AwaitAssertAsync(async () => Assert.Equal(["after", "early", "late"], await ListAsync()), Patience);
        var after = allEvents.ExpectMsg<EventEnvelope>(Patience);
        Assert.Equal("task-after", after.PersistenceId);
        var afterPosition = await _database.Journal.FirstPositionAsync("task-after");
        await AwaitAssertAsync(async () => Assert.Equal(afterPosition, await _store.ReadPositionAsync(CancellationToken.None)), Patience);
        await lateTransaction.DisposeAsync();
    }

    [Fact]
    public async Task Projection_OrderingOfARolledBackInsert_DoesNotStopLaterEvents()
    {
        await using (var ghost = new NpgsqlConnection(_database.ConnectionString))
        {
            await ghost.OpenAsync();
            await using var transaction = await ghost.BeginTransactionAsync();
            await JournalRows.InsertAsync(ghost, transaction, "task-ghost", 1, "E-TA", PhaseFlowSerializer.Id, Payload(Accepted("ghost", T0)));
            await transaction.RollbackAsync();
        }

        await EventWriter.WriteAsync(_node, "after-hole", Accepted("after-hole", T0));
        var afterHole = await _database.Journal.FirstPositionAsync("task-after-hole");
        _node.ActorOf(TaskListProjection.Props(_store, new PostgresTaskJournalReader(_database.ConnectionString), Fast));

        // Listed, and settled: the stored position is past the hole, not waiting for it.
        await AwaitAssertAsync(async () => Assert.Equal(afterHole, await _store.ReadPositionAsync(CancellationToken.None)), Patience);
        Assert.Equal(["after-hole"], await ListAsync());

        // The hole is real: the rolled-back insert used an ordering no row has.
        Assert.True(afterHole.Ordering > 1);
        Assert.DoesNotContain(await _database.Journal.PositionsAsync(), row => row.Position.Ordering < afterHole.Ordering);
    }

    [Fact]
    public async Task Schema_JournalFromBeforeTransactionIds_GetsTheColumnAndTheListGoesOnFromItsPosition()
    {
        // A database as an older PhaseFlow left it: no tx_id columns, the list at the first of three rows.
        await _database.QueryAsync<int>("ALTER TABLE journal DROP COLUMN tx_id; ALTER TABLE projection_offset DROP COLUMN tx_id; SELECT 1");
        var orderings = new List<long>();
        await using (var connection = new NpgsqlConnection(_database.ConnectionString))
        {
            await connection.OpenAsync();
            foreach (var id in new[] { "old-1", "old-2", "old-3" })
            {
                await using var insert = new NpgsqlCommand(
                    "INSERT INTO journal (persistence_id, sequence_number, created, deleted, message, manifest, identifier) VALUES (@id, 1, 0, false, @message, 'E-TA', @serializer) RETURNING ordering",
                    connection);
                insert.Parameters.AddWithValue("id", "task-" + id);
                insert.Parameters.AddWithValue("message", Payload(Accepted(id, T0)));
                insert.Parameters.AddWithValue("serializer", PhaseFlowSerializer.Id);
                orderings.Add((long)(await insert.ExecuteScalarAsync())!);
            }
        }

        await _database.QueryAsync<int>("INSERT INTO projection_offset (projection, ordering) VALUES ('task-list', @o) RETURNING 1", ("o", orderings[0]));

        new PostgresStorage(_database.ConnectionString).Prepare();
        await EventWriter.WriteAsync(_node, "new", Accepted("new", T0.AddSeconds(1)));
        _node.ActorOf(TaskListProjection.Props(_store, new PostgresTaskJournalReader(_database.ConnectionString), Fast));

        Assert.Equal([0UL, 0UL, 0UL], (await _database.Journal.PositionsAsync()).Where(row => row.PersistenceId.StartsWith("task-old-", StringComparison.Ordinal)).Select(row => row.Position.TransactionId));
        var newPosition = await _database.Journal.FirstPositionAsync("task-new");
        Assert.NotEqual(0UL, newPosition.TransactionId);
        await AwaitAssertAsync(async () => Assert.Equal(newPosition, await _store.ReadPositionAsync(CancellationToken.None)), Patience);
        Assert.Equal(["new", "old-3", "old-2"], await ListAsync());
    }

    private static TaskAccepted Accepted(string taskId, DateTimeOffset at) => new(taskId, "steps", "{}", "steps@1", at);

    private byte[] Payload(object message) => _node.Serialization.FindSerializerFor(message).ToBinary(message);

    private async Task<List<string>> ListAsync() =>
        (await _store.QueryAsync(new TaskListQuery(null, null, 100, null), CancellationToken.None)).Items.Select(i => i.Id).ToList();
}
