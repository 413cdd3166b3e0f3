using System.Text;
using Akka.Actor;
using Akka.Configuration;
using PhaseFlow.Actors.Persistence;
using PhaseFlow.Actors.ReadModel;
using PhaseFlow.Actors.Serialization;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Actors.ReadModel;

/// <summary>The task list projection on SQLite: a journal row it cannot read is logged, naming its task, and skipped for good.</summary>
public sealed class TaskListProjectionTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TaskListProjectionSettings Fast = new(100, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly TestDatabase _database;
    private readonly SqliteTaskListStore _store;

    public TaskListProjectionTests(ITestOutputHelper output)
        : this(new TestDatabase(), output)
    {
    }

    private TaskListProjectionTests(TestDatabase database, ITestOutputHelper output)
        : base(ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.actor.provider = local").WithFallback(database.Storage.ToConfig()).WithFallback(PhaseFlowHocon.Load()), output: output)
    {
        _database = database;
        _store = new SqliteTaskListStore(database.Storage.ConnectionString);
    }

    [Fact]
    public async Task Projection_RowsItCannotRead_AreLoggedNamingTheTaskAndSkippedForGood()
    {
        await EventWriter.WriteAsync(Sys, "first", Accepted("first", T0), new PhaseStarted("first", 0, "p", 1, T0));
        var broken = await InsertAsync("task-broken", "E-TA", "{\"taskId\":\"broken\",");
        var future = await InsertAsync("task-future", "E-FUTURE", "{\"taskId\":\"future\"}");
        var misfiled = await InsertAsync("task-misfiled", "E-TA", Json(Accepted("someone-else", T0)));
        await EventWriter.WriteAsync(Sys, "later", Accepted("later", T0.AddSeconds(1)), new PhaseStarted("later", 0, "p", 1, T0), new TaskSucceeded("later", T0));

        IActorRef projection = ActorRefs.Nobody;
        await ExpectSkippedAsync($"task broken, sequence number 1, at journal ordering {broken}, manifest E-TA: the payload is not a valid E-TA event", async () =>
            await ExpectSkippedAsync($"task future, sequence number 1, at journal ordering {future}, manifest E-FUTURE: unknown event manifest 'E-FUTURE'", async () =>
                await ExpectSkippedAsync($"task misfiled, sequence number 1, at journal ordering {misfiled}, manifest E-TA: the event names task 'someone-else'", async () =>
                {
                    projection = Sys.ActorOf(TaskListProjection.Props(_store, new SqliteTaskJournalReader(_database.Storage.ConnectionString), Fast));
                    await AwaitAssertAsync(
                        async () => Assert.Equal([("later", TaskLifecycleState.Succeeded), ("first", TaskLifecycleState.Running)], await ListAsync()),
                        Patience);
                })));

        // The stored position has passed the rows it skipped, so a restart neither reads nor logs them again.
        Assert.True((await _store.ReadPositionAsync(CancellationToken.None)).Ordering > misfiled);
        Watch(projection);
        Sys.Stop(projection);
        ExpectTerminated(projection);
        await EventWriter.WriteAsync(Sys, "after-restart", Accepted("after-restart", T0.AddSeconds(2)));

        await EventFilter.Warning(contains: "Task list skips").ExpectAsync(0, async () =>
        {
            Sys.ActorOf(TaskListProjection.Props(_store, new SqliteTaskJournalReader(_database.Storage.ConnectionString), Fast));
            await AwaitAssertAsync(
                async () => Assert.Equal(["after-restart", "later", "first"], (await ListAsync()).Select(r => r.Id)),
                Patience);
        });
    }

    [Fact]
    public async Task Projection_DatabaseFailsWhileApplying_RestartsFromItsPositionAndListsEveryTaskOnce()
    {
        await EventWriter.WriteAsync(Sys, "one", Accepted("one", T0), new PhaseStarted("one", 0, "p", 1, T0));
        await EventWriter.WriteAsync(Sys, "two", Accepted("two", T0.AddSeconds(1)), new PhaseStarted("two", 0, "p", 1, T0), new TaskSucceeded("two", T0));
        var failing = new FailingStore(_store, failures: 3);

        Sys.ActorOf(TaskListProjection.Props(failing, new SqliteTaskJournalReader(_database.Storage.ConnectionString), Fast));
        await AwaitAssertAsync(
            async () => Assert.Equal([("two", TaskLifecycleState.Succeeded), ("one", TaskLifecycleState.Running)], await ListAsync()),
            Patience);
        await EventWriter.WriteAsync(Sys, "three", Accepted("three", T0.AddSeconds(2)));

        await AwaitAssertAsync(async () => Assert.Equal(["three", "two", "one"], (await ListAsync()).Select(r => r.Id)), Patience);
        Assert.Equal(3, failing.Failed);
        Assert.True(failing.Attempts > 3, $"the store was tried {failing.Attempts} times");
    }

    [Fact]
    public async Task Projection_ChildTasks_AreListedWithTheirParentAndTheParentsRecordOfThemChangesNothing()
    {
        await EventWriter.WriteAsync(
            Sys,
            "fam",
            Accepted("fam", T0),
            new PhaseStarted("fam", 0, "children", 1, T0.AddSeconds(1), Wait: new PhaseWaitRecord(PhaseWaitKind.Children, null, null, ["fam:1.1.1"])));
        await EventWriter.WriteAsync(Sys, "fam:1.1.1", Accepted("fam:1.1.1", T0.AddSeconds(2)) with { Lineage = ["fam"] }, new PhaseStarted("fam:1.1.1", 0, "p", 1, T0.AddSeconds(3)), new TaskSucceeded("fam:1.1.1", T0.AddSeconds(4)));
        await EventWriter.WriteAsync(Sys, "fam", new AwaitedTaskSettled("fam", 0, 1, "fam:1.1.1", TaskLifecycleState.Succeeded, "null", null, T0.AddSeconds(5)));

        Sys.ActorOf(TaskListProjection.Props(_store, new SqliteTaskJournalReader(_database.Storage.ConnectionString), Fast));

        await AwaitAssertAsync(
            async () =>
            {
                var rows = (await _store.QueryAsync(new TaskListQuery(null, null, 10, null), CancellationToken.None)).Items;
                Assert.Equal(
                    [("fam:1.1.1", TaskLifecycleState.Succeeded, "fam"), ("fam", TaskLifecycleState.Running, null)],
                    rows.Select(r => (r.Id, r.State, r.ParentId)));
                Assert.Equal(T0.AddSeconds(5), rows.Single(r => r.Id == "fam").UpdatedAt);
            },
            Patience);
        Assert.Equal(["fam:1.1.1"], (await _store.QueryAsync(new TaskListQuery(null, null, 10, null, "fam"), CancellationToken.None)).Items.Select(i => i.Id));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _database.Dispose();
        }
    }

    private static TaskAccepted Accepted(string taskId, DateTimeOffset at) => new(taskId, "steps", "{}", "steps@1", at);

    private string Json(object message) => Encoding.UTF8.GetString(Sys.Serialization.FindSerializerFor(message).ToBinary(message));

    private Task<long> InsertAsync(string persistenceId, string manifest, string json) =>
        JournalRows.InsertAsync(_database.Storage.ConnectionString, persistenceId, 1, manifest, PhaseFlowSerializer.Id, Encoding.UTF8.GetBytes(json));

    private Task ExpectSkippedAsync(string warning, Func<Task> action) => EventFilter.Warning(contains: warning).ExpectOneAsync(action);

    private async Task<List<(string Id, TaskLifecycleState State)>> ListAsync() =>
        (await _store.QueryAsync(new TaskListQuery(null, null, 100, null), CancellationToken.None)).Items.Select(i => (i.Id, i.State)).ToList();

    /// <summary>A task list store whose database fails the first few batches, as a database that went away and came back.</summary>
    private sealed class FailingStore(ITaskListStore inner, int failures) : ITaskListStore
    {
        private int _attempts;
        private int _failed;

        public int Attempts => Volatile.Read(ref _attempts);

        public int Failed => Volatile.Read(ref _failed);

        public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

        public Task<JournalPosition> ReadPositionAsync(CancellationToken cancellationToken) => inner.ReadPositionAsync(cancellationToken);

        public Task ApplyAsync(IReadOnlyList<TaskListChange> changes, JournalPosition position, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _attempts);
            if (Interlocked.Increment(ref _failed) <= failures)
            {
                return Task.FromException(new Microsoft.Data.Sqlite.SqliteException("disk I/O error", 10));
            }

            Interlocked.Decrement(ref _failed);
            return inner.ApplyAsync(changes, position, cancellationToken);
        }

        public Task<PhaseFlow.Contracts.Http.TaskListPage> QueryAsync(TaskListQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);

        public Task<IReadOnlyDictionary<TaskLifecycleState, long>> CountByStateAsync(CancellationToken cancellationToken) => inner.CountByStateAsync(cancellationToken);
    }
}
