using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using Xunit;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// Real <c>phaseflow</c> node processes on loopback forming one cluster over a fresh PostgreSQL database, with a
/// shared folder for the files the <c>steps</c> tasks write their lines to.
/// </summary>
/// <remarks>
/// Nodes bind any free port (see <see cref="NodeProcess"/>), so seed nodes cannot be known before a start: a node
/// starting while others run gets theirs as its seed nodes and joins them; when none runs, the first node forms the
/// cluster on its own (no seed nodes: it joins itself) and the others then join it (<see cref="StartAllAsync"/>).
/// </remarks>
public sealed class TestCluster : IAsyncDisposable
{
    /// <summary>
    /// The test nodes' <c>akka.cluster.failure-detector.acceptable-heartbeat-pause</c> (shipped on PostgreSQL: 2 s).
    /// Heartbeats come every 500 ms; the phi accrual detector treats a gap of up to this pause as normal and marks a node unreachable
    /// only after about interval + pause without one. Three nodes, PostgreSQL and the test host share two cores here,
    /// often with builds or a mutation run beside them; a node starved for a few seconds must not be taken for dead, or
    /// its tasks move and phases run twice in tests that allow no repeat.
    /// </summary>
    public static readonly TimeSpan TestHeartbeatPause = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The test nodes' <c>akka.cluster.split-brain-resolver.stable-after</c> (shipped on PostgreSQL: 1 s): the membership must stay
    /// unchanged that long before an unreachable node is downed, and a node that answers again before then becomes
    /// reachable and is not downed. With <see cref="TestHeartbeatPause"/> a healthy node must therefore be silent for
    /// about 16 s on end before it is downed; a dead one's tasks resume about 20 s after the kill.
    /// </summary>
    public static readonly TimeSpan TestStableAfter = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan ReadyPatience = TimeSpan.FromSeconds(120);
    private readonly TempFolder _folder;

    private TestCluster(PostgresTestDatabase database, TempFolder folder, IReadOnlyList<NodeProcess> nodes, LoopbackRelay? databaseRelay)
    {
        Database = database;
        _folder = folder;
        Nodes = nodes;
        DatabaseRelay = databaseRelay;
    }

    public PostgresTestDatabase Database { get; }

    /// <summary>Gets the relay the nodes reach the database through in a partition test (see <see cref="StartAsync"/>); <see langword="null"/> otherwise.</summary>
    public LoopbackRelay? DatabaseRelay { get; }

    public string Folder => _folder.Path;

    public IReadOnlyList<NodeProcess> Nodes { get; }

    /// <summary>
    /// Starts <paramref name="size"/> nodes (see <see cref="StartAllAsync"/>) with <see cref="TestHeartbeatPause"/> and
    /// <see cref="TestStableAfter"/>, and waits until each is ready.
    /// </summary>
    /// <param name="size">How many nodes.</param>
    /// <param name="flagsOf">More flags for node i (for example its roles); none by default.</param>
    /// <param name="shippedTimings">
    /// Whether the nodes keep the shipped failure-detector and split-brain timings of <c>hocon/phaseflow.conf</c> (for
    /// measuring failover as a user gets it) instead of the patient test ones.
    /// </param>
    /// <param name="partition">
    /// When given, each node runs in its cgroup of this partition and reaches the database through a relay of its own
    /// on 127.0.0.1 (<see cref="DatabaseRelay"/>), so a test can cut nodes from each other and from the database.
    /// </param>
    /// <param name="environment">More environment variables for every node (for example <c>PhaseFlow__WatchInterval</c>); none by default.</param>
    public static async Task<TestCluster> StartAsync(int size = 3, Func<int, string[]>? flagsOf = null, bool shippedTimings = false, NetworkPartition? partition = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var database = await PostgresTestDatabase.CreateAsync();
        var folder = new TempFolder("cluster");
        var relay = partition is null ? null : LoopbackRelay.ToDatabase(database.ConnectionString);
        var connectionString = relay is null
            ? database.ConnectionString
            : new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = relay.Port }.ConnectionString;
        var nodes = Enumerable.Range(0, size)
            .Select(i => new NodeProcess(Path.Combine(folder.Path, $"node{i}"), ["--postgres", connectionString, .. flagsOf?.Invoke(i) ?? []]) { Address = AddressOf(i) })
            .ToList();
        var cluster = new TestCluster(database, folder, nodes, relay);
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (partition is not null)
            {
                node.Cgroup = await partition.CgroupOfAsync(i);
            }

            node.FlagsAtStart = () => cluster.SeedFlags(node);
            foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            {
                node.Environment[name] = value;
            }

            if (shippedTimings)
            {
                continue;
            }

            node.Environment["PhaseFlow__AcceptableHeartbeatPause"] = TestHeartbeatPause.ToString("c", CultureInfo.InvariantCulture);
            node.Environment["PhaseFlow__SplitBrainStableAfter"] = TestStableAfter.ToString("c", CultureInfo.InvariantCulture);
        }

        try
        {
            await cluster.StartAllAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>
    /// Starts every node that is not running and waits until each is ready. When none runs, the first forms the
    /// cluster before the others start and join it.
    /// </summary>
    public async Task StartAllAsync()
    {
        var stopped = Nodes.Where(n => !n.IsRunning).ToList();
        if (stopped.Count == Nodes.Count)
        {
            await stopped[0].StartAsync();
            stopped.RemoveAt(0);
        }

        await Task.WhenAll(stopped.Select(n => n.StartAsync()));

        // A node says it is ready once its member is Up, but a task's first message also waits for the shard
        // coordinator (a singleton on the oldest node) to start and allocate the task's shard, which on a loaded
        // machine can outlast the ask timeout (503). Tests start once every node serves a task read (an unknown id:
        // 404, nothing stored).
        await Task.WhenAll(Nodes.Select(n => Eventually.HoldsAsync(
            async () =>
            {
                using var response = await n.Http.GetAsync(PhaseFlowApi.Task("cluster-ready-probe"));
                return response.StatusCode;
            },
            status => Assert.Equal(HttpStatusCode.NotFound, status),
            ReadyPatience,
            OutputTail)));
    }

    /// <summary>The loopback address of node <paramref name="i"/>: 127.0.0.2, 127.0.0.3, …, one per node, so partition rules can name it.</summary>
    /// <param name="i">The node's number.</param>
    /// <returns>The address.</returns>
    public static string AddressOf(int i) => $"127.0.0.{i + 2}";

    /// <summary>The file a <c>steps</c> task appends its <c>run i</c> and <c>revert i</c> lines to (its <c>journal</c> input).</summary>
    public string LinesFileOf(string taskId) => Path.Combine(Folder, taskId + ".lines");

    /// <summary>The lines a task's <c>steps</c> file holds; none when it does not exist yet.</summary>
    public string[] LinesOf(string taskId)
    {
        var path = LinesFileOf(taskId);
        return File.Exists(path) ? File.ReadAllLines(path) : [];
    }

    /// <summary>
    /// Submits <c>steps</c> tasks, spreading the submissions over the nodes. A 503 (the task did not answer within the
    /// ask timeout: a fresh cluster still allocating its shards on a loaded machine) is retried, as the API asks; the
    /// same id, type and input again is idempotent.
    /// </summary>
    public async Task SubmitStepsAsync(IReadOnlyList<string> ids, Func<string, object> input)
    {
        await Task.WhenAll(ids.Select((id, i) => Nodes[i % Nodes.Count].SubmitUntilAcceptedAsync("steps", input(id), id)));
    }

    /// <summary>Waits until every task's lines file has at least <paramref name="lines"/> lines.</summary>
    public Task WaitForLinesAsync(IEnumerable<string> ids, int lines, TimeSpan patience) =>
        Eventually.HoldsAsync(
            () => ids.Where(id => LinesOf(id).Length < lines).Select(id => $"{id}: {LinesOf(id).Length} line(s)").ToList(),
            laggards => Assert.True(laggards.Count == 0, $"{laggards.Count} task(s) have not written {lines} lines yet"),
            patience,
            OutputTail);

    /// <summary>
    /// Waits until each task has written more lines than it had at a moment (a kill), and records when each did, as
    /// read on <paramref name="clock"/> (polled every 20 ms).
    /// </summary>
    /// <param name="ids">The tasks that must write again.</param>
    /// <param name="linesBefore">How many lines each had at that moment.</param>
    /// <param name="clock">Started at that moment.</param>
    /// <param name="patience">How long to wait.</param>
    /// <returns>For each task, the time on <paramref name="clock"/> its next line was first seen.</returns>
    public async Task<Dictionary<string, TimeSpan>> WaitForNextLineAsync(IReadOnlyList<string> ids, IReadOnlyDictionary<string, int> linesBefore, System.Diagnostics.Stopwatch clock, TimeSpan patience)
    {
        var wroteAgain = new Dictionary<string, TimeSpan>();
        await Eventually.HoldsAsync(
            () =>
            {
                foreach (var id in ids.Where(id => !wroteAgain.ContainsKey(id) && LinesOf(id).Length > linesBefore[id]))
                {
                    wroteAgain[id] = clock.Elapsed;
                }

                return ids.Where(id => !wroteAgain.ContainsKey(id)).ToList();
            },
            waiting => Assert.True(waiting.Count == 0, $"{waiting.Count} task(s) did not write another line after the kill"),
            patience,
            OutputTail,
            TimeSpan.FromMilliseconds(20));
        return wroteAgain;
    }

    /// <summary>
    /// Polls the tasks through the running nodes in turn (any node serves any task) until every one is in
    /// <paramref name="state"/>; fails with the laggards' last status otherwise.
    /// </summary>
    public async Task WaitForStateAsync(IReadOnlyCollection<string> ids, TaskLifecycleState state, TimeSpan patience)
    {
        var pending = new HashSet<string>(ids);
        var last = new Dictionary<string, string>();
        var round = 0;
        await Eventually.HoldsAsync<List<string>>(
            async () =>
            {
                var running = Nodes.Where(n => n.IsRunning && n.AkkaAddress is not null).ToList();
                Assert.True(running.Count > 0, "no node is running");
                var turn = round++;
                foreach (var id in pending.ToList())
                {
                    var node = running[turn++ % running.Count];
                    try
                    {
                        using var response = await node.Http.GetAsync(PhaseFlowApi.Task(id));
                        var body = await response.Content.ReadAsStringAsync();
                        last[id] = $"{(int)response.StatusCode} {body}";
                        if (response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<TaskResource>(NodeProcess.Json))?.State == state)
                        {
                            pending.Remove(id);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        // A node going down mid-request; another node answers next round.
                        last[id] = e.Message;
                    }
                }

                return pending.Take(5).Select(id => $"{id}: {last.GetValueOrDefault(id)}").ToList();
            },
            _ => Assert.True(pending.Count == 0, $"{pending.Count} task(s) are not {state} yet"),
            patience,
            OutputTail);
    }

    /// <summary>When the node process with the given id exited, or <see langword="null"/> when it still runs (or is not one of this cluster's).</summary>
    /// <param name="pid">The process id.</param>
    /// <returns>The time it exited, as seen by the test.</returns>
    public DateTimeOffset? ExitOf(int pid) =>
        Nodes.Select(n => n.Exits.TryGetValue(pid, out var exit) ? exit : (DateTimeOffset?)null).FirstOrDefault(e => e is not null);

    /// <summary>The end of every node's output, for failure messages.</summary>
    public string OutputTail() => string.Join(
        "\n",
        Nodes.Select((n, i) => $"--- node{i} ---\n{(n.Output.Length > 4000 ? n.Output[^4000..] : n.Output)}"));

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Task.WhenAll(Nodes.Select(n => n.DisposeAsync().AsTask()));
            if (DatabaseRelay is not null)
            {
                await DatabaseRelay.DisposeAsync();
            }

            await Database.DisposeAsync();
        }
        finally
        {
            _folder.Dispose();
        }
    }

    /// <summary>The seed nodes of a node about to start: the nodes that run; none when it is the first.</summary>
    private IReadOnlyList<string> SeedFlags(NodeProcess node)
    {
        var seeds = Nodes.Where(n => n != node && n.IsRunning && n.AkkaAddress is not null).Select(n => n.AkkaAddress!).ToList();
        if (seeds.Count > 0)
        {
            return ["--seed-nodes", string.Join(',', seeds)];
        }

        // Two nodes that each formed a cluster of their own would never meet.
        Assert.False(
            Nodes.Any(n => n != node && n.IsStarting),
            "no node of the cluster runs and another one is starting: start them with StartAllAsync, which starts one first");
        return [];
    }
}
