using System.Diagnostics;
using System.Net.Http.Json;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using Xunit;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// Real <c>phaseflow</c> node processes on loopback forming one cluster over a fresh PostgreSQL database, with a
/// shared folder for the <c>steps</c> tasks' journal files. Nodes keep their Akka and HTTP ports across restarts.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private TestCluster(PostgresTestDatabase database, string folder, IReadOnlyList<NodeProcess> nodes)
    {
        Database = database;
        Folder = folder;
        Nodes = nodes;
    }

    public PostgresTestDatabase Database { get; }

    public string Folder { get; }

    public IReadOnlyList<NodeProcess> Nodes { get; }

    /// <summary>
    /// How long the test nodes' split-brain resolver waits for a stable membership before it downs a dead node,
    /// unless a test asks for the shipped settings: shorter than the shipped 7 s so the suite stays quick.
    /// </summary>
    public static readonly TimeSpan QuickStableAfter = TimeSpan.FromSeconds(3);

    /// <summary>Starts <paramref name="size"/> nodes at once (every node lists every node as a seed) and waits until each is ready.</summary>
    /// <param name="size">How many nodes.</param>
    /// <param name="shippedTimings">Whether the nodes keep the shipped failure-detector and split-brain settings (to measure failover); otherwise <see cref="QuickStableAfter"/>.</param>
    /// <param name="flagsOf">More flags for node i (for example its roles); none by default.</param>
    public static async Task<TestCluster> StartAsync(int size = 3, bool shippedTimings = false, Func<int, string[]>? flagsOf = null)
    {
        var database = await PostgresTestDatabase.CreateAsync();
        var folder = Path.Combine(Path.GetTempPath(), "phaseflow-tests", "cluster-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var ports = new List<int>();
        while (ports.Count < size)
        {
            var port = NodeProcess.FreePort();
            if (!ports.Contains(port))
            {
                ports.Add(port);
            }
        }

        var seeds = string.Join(',', ports.Select(p => $"akka.tcp://phaseflow@127.0.0.1:{p}"));
        var nodes = ports.Select((port, i) => new NodeProcess(
                Path.Combine(folder, $"node{i}"),
                ["--postgres", database.ConnectionString, "--seed-nodes", seeds, .. flagsOf?.Invoke(i) ?? []])
            { AkkaPort = port })
            .ToList();
        if (!shippedTimings)
        {
            foreach (var node in nodes)
            {
                node.Environment["PhaseFlow__SplitBrainStableAfter"] = QuickStableAfter.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var cluster = new TestCluster(database, folder, nodes);
        try
        {
            await Task.WhenAll(nodes.Select(n => n.StartAsync()));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>The journal file a <c>steps</c> task writes to.</summary>
    public string JournalOf(string taskId) => Path.Combine(Folder, taskId + ".journal");

    /// <summary>The lines of a task's journal file; none when it does not exist yet.</summary>
    public string[] LinesOf(string taskId)
    {
        var path = JournalOf(taskId);
        return File.Exists(path) ? File.ReadAllLines(path) : [];
    }

    /// <summary>Submits <c>steps</c> tasks, spreading the submissions over the nodes.</summary>
    public async Task SubmitStepsAsync(IReadOnlyList<string> ids, Func<string, object> input)
    {
        await Task.WhenAll(ids.Select((id, i) => Nodes[i % Nodes.Count].SubmitAsync("steps", input(id), id)));
    }

    /// <summary>Waits until every task's journal file has at least <paramref name="lines"/> lines.</summary>
    public async Task WaitForLinesAsync(IEnumerable<string> ids, int lines, TimeSpan patience)
    {
        var deadline = Stopwatch.StartNew();
        while (ids.Any(id => LinesOf(id).Length < lines))
        {
            Assert.True(deadline.Elapsed < patience, $"not every task wrote {lines} lines within {patience}: {string.Join(", ", ids.Select(id => $"{id}={LinesOf(id).Length}"))}");
            await Task.Delay(25);
        }
    }

    /// <summary>
    /// Polls the tasks through the running nodes in turn (any node serves any task) until every one is in
    /// <paramref name="state"/>; fails with the laggards' last status otherwise.
    /// </summary>
    public async Task WaitForStateAsync(IReadOnlyCollection<string> ids, TaskLifecycleState state, TimeSpan patience)
    {
        var pending = new HashSet<string>(ids);
        var last = new Dictionary<string, string>();
        var deadline = Stopwatch.StartNew();
        var round = 0;
        while (pending.Count > 0 && deadline.Elapsed < patience)
        {
            var running = Nodes.Where(n => n.IsRunning).ToList();
            Assert.NotEmpty(running);
            var turn = round;
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

            round++;
            if (pending.Count > 0)
            {
                await Task.Delay(200);
            }
        }

        Assert.True(
            pending.Count == 0,
            $"{pending.Count} task(s) did not reach {state} within {patience}: " +
            string.Join("\n", pending.Take(5).Select(id => $"{id}: {last.GetValueOrDefault(id)}")) + "\n" + OutputTail());
    }

    /// <summary>The end of every node's output, for failure messages.</summary>
    public string OutputTail() => string.Join(
        "\n",
        Nodes.Select((n, i) => $"--- node{i} ---\n{(n.Output.Length > 4000 ? n.Output[^4000..] : n.Output)}"));

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Nodes.Select(n => n.DisposeAsync().AsTask()));

        await Database.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temp folder.
        }
    }
}
