using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Akka.Coordination;
using Akka.Event;
using PhaseFlow.Actors.Coordination;
using PhaseFlow.Actors.Persistence;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Actors.Coordination;

/// <summary>
/// The cluster lease against a real PostgreSQL database, with short timings: one holder at a time, taken over only
/// after the holder released it or stopped renewing, and a holder that cannot renew gives it up before anyone can
/// take it over.
/// </summary>
public sealed class PostgresLeaseTests : IAsyncLifetime
{
    // Time to live 1 s, renewed every 200 ms: a holder trusts a renewal for 1 s - 2 x 200 ms = 600 ms.
    private static readonly LeaseTimings Timings = new(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));
    private readonly List<IDisposable> _keepers = [];
    private PostgresTestDatabase? _database;
    private ActorSystem? _system;

    private string ConnectionString => _database!.ConnectionString;

    public async Task InitializeAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        new PostgresStorage(ConnectionString).Prepare();
        _system = ActorSystem.Create("lease-tests", "akka.loglevel = WARNING");
    }

    public async Task DisposeAsync()
    {
        foreach (var keeper in _keepers)
        {
            keeper.Dispose();
        }

        if (_system is not null)
        {
            await _system.Terminate();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Only_one_owner_holds_a_lease_while_its_holder_renews_it()
    {
        var (a, b) = (Keeper(), Keeper());
        Assert.True(await a.AcquireAsync("shard-1", "node-a", lost: null));

        // b waits out a's claim once (it could have been a dead holder's) and finds it renewed.
        var clock = Stopwatch.StartNew();
        Assert.False(await b.AcquireAsync("shard-1", "node-b", lost: null));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(300), $"b gave up after {clock.ElapsedMilliseconds} ms without waiting out a's claim");
        Assert.True(a.Holds("shard-1", "node-a"));
        Assert.False(b.Holds("shard-1", "node-b"));
        Assert.Equal(["node-a"], await OwnersAsync("shard-1"));
    }

    [Fact]
    public async Task A_released_lease_is_free_at_once_and_its_holder_no_longer_holds_it()
    {
        var (a, b) = (Keeper(), Keeper());
        Assert.True(await a.AcquireAsync("shard-2", "node-a", lost: null));
        Assert.True(await a.ReleaseAsync("shard-2", "node-a"));

        Assert.False(a.Holds("shard-2", "node-a"));
        Assert.True(await b.AcquireAsync("shard-2", "node-b", lost: null));
        Assert.Equal(["node-b"], await OwnersAsync("shard-2"));
    }

    [Fact]
    public async Task A_lease_whose_holder_died_is_taken_over_by_one_acquire_once_its_time_to_live_ran_out()
    {
        var a = Keeper();
        Assert.True(await a.AcquireAsync("sbr", "node-a", lost: null));
        a.Dispose(); // a dies: no more renewals, no release

        var b = Keeper();
        var clock = Stopwatch.StartNew();
        Assert.True(await b.AcquireAsync("sbr", "node-b", lost: null));
        Assert.True(clock.Elapsed < Timings.TimeToLive + TimeSpan.FromSeconds(2), $"took {clock.ElapsedMilliseconds} ms");
        Assert.Equal(["node-b"], await OwnersAsync("sbr"));
    }

    [Fact]
    public async Task A_holder_that_cannot_reach_the_database_gives_the_lease_up_before_another_node_can_take_it()
    {
        // a reaches the database through a relay that this test then closes: its renewals fail from then on.
        var relay = LoopbackRelay.ToDatabase(ConnectionString);
        var viaRelay = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Host = "127.0.0.1", Port = relay.Port, Pooling = false }.ConnectionString;
        var a = Keeper(viaRelay);
        var b = Keeper();
        var lostAt = new TaskCompletionSource<(long At, Exception Reason)>();
        Assert.True(await a.AcquireAsync("shard-3", "node-a", reason => lostAt.TrySetResult((Stopwatch.GetTimestamp(), reason))));
        await relay.DisposeAsync();

        // b keeps trying; it gets the lease only once a's claim has expired in the database.
        var acquired = await Eventually.HoldsAsync<long?>(
            async () => await b.AcquireAsync("shard-3", "node-b", lost: null) ? Stopwatch.GetTimestamp() : null,
            at => Assert.NotNull(at),
            TimeSpan.FromSeconds(30));

        Assert.True(lostAt.Task.IsCompleted, "a was never told it lost the lease");
        var (lost, reason) = await lostAt.Task;
        Assert.True(lost < acquired!.Value, "a must let go before b can take over");
        Assert.Contains("could not be renewed", reason.Message, StringComparison.Ordinal);
        Assert.False(a.Holds("shard-3", "node-a"));
    }

    [Fact]
    public async Task A_holder_whose_lease_was_taken_from_it_is_told_it_lost_the_lease()
    {
        var a = Keeper();
        var lost = new TaskCompletionSource<Exception>();
        Assert.True(await a.AcquireAsync("shard-4", "node-a", reason => lost.TrySetResult(reason)));

        // What an operator's manual fix (or a bug elsewhere) would do: the row names someone else now.
        await _database!.QueryAsync<int>("UPDATE cluster_lease SET owner = 'node-x' WHERE name = 'shard-4' RETURNING 1");

        var reason = await lost.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("no longer held by node-a", reason.Message, StringComparison.Ordinal);
        Assert.False(a.Holds("shard-4", "node-a"));
    }

    [Fact]
    public async Task Akka_creates_the_lease_from_the_configuration_and_it_guards_like_the_keeper()
    {
        var config = ConfigurationFactory.ParseString($"""
            phaseflow.cluster-lease {"{"}
              lease-class = "{typeof(PostgresLease).AssemblyQualifiedName}"
              heartbeat-timeout = 2s
              heartbeat-interval = 500ms
              lease-operation-timeout = 1s
              connection-string = "{ConnectionString}"
            {"}"}
            """);
        using var system = ActorSystem.Create("lease-config", config.WithFallback(ConfigurationFactory.ParseString("akka.loglevel = WARNING")));
        var a = LeaseProvider.Get(system).GetLease("tasks-shard-5", "phaseflow.cluster-lease", "127.0.0.2:4053");
        var b = LeaseProvider.Get(system).GetLease("tasks-shard-5", "phaseflow.cluster-lease", "127.0.0.3:4053");

        Assert.IsType<PostgresLease>(a);
        Assert.True(await a.Acquire());
        Assert.True(a.CheckLease());
        Assert.False(await b.Acquire());
        Assert.True(await a.Release());
        Assert.True(await b.Acquire());
        Assert.Equal(["127.0.0.3:4053"], await OwnersAsync("tasks-shard-5"));
        await system.Terminate();
    }

    [Fact]
    public void A_lease_configured_without_a_connection_string_is_refused_with_the_reason()
    {
        var settings = new LeaseSettings("x", "owner", new TimeoutSettings(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1)), ConfigurationFactory.ParseString("lease-class = x"));

        var error = Assert.Throws<ArgumentException>(() => new PostgresLease(settings, _system!));
        Assert.Contains("has no connection-string", error.Message, StringComparison.Ordinal);
    }

    private LeaseKeeper Keeper(string? connectionString = null)
    {
        var keeper = new LeaseKeeper(new PostgresLeaseTable(connectionString ?? ConnectionString), Timings, TimeProvider.System, Logging.GetLogger(_system!, "lease-tests"));
        _keepers.Add(keeper);
        return keeper;
    }

    private Task<List<string>> OwnersAsync(string name) =>
        _database!.QueryAsync<string>("SELECT owner FROM cluster_lease WHERE name = @name", ("name", name));
}
