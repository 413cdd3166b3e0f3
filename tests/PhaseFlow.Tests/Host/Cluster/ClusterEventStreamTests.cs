using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Host.Cluster;

/// <summary>
/// GET /tasks/{id}/events on a node that never hosts the task (no task role): the changes are pushed to it from the
/// node that runs the task, live, not found later by the slow safety re-read.
/// </summary>
public sealed class ClusterEventStreamTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync(
        size: 2,
        flagsOf: i => i == 0 ? ["--roles", "api", "--task-role", "worker"] : ["--roles", "worker", "--task-role", "worker"]);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_watcher_on_a_node_without_the_task_sees_each_change_while_the_task_runs()
    {
        var api = _cluster.Nodes[0];
        var id = "stream-" + Guid.NewGuid().ToString("N")[..8];
        await api.SubmitAsync("steps", new { count = 4, delayMs = 1000 }, id);

        var received = new List<DateTimeOffset>();
        var events = await ReadStreamAsync(api, id, () => received.Add(DateTimeOffset.UtcNow));

        Assert.Equal("state Succeeded", Describe(events[^1]));
        Assert.Equal(4, events.Count(e => e.Data.PhaseState == PhaseLifecycleState.Completed));

        // Each of the first three completions arrived before the next phase's one second was over: pushed, not re-read every 5 s.
        foreach (var step in new[] { "step-0", "step-1", "step-2" })
        {
            var index = events.FindIndex(e => e.Data.PhaseName == step && e.Data.PhaseState == PhaseLifecycleState.Completed);
            Assert.True(received[index] < events[^1].Data.At, $"{step}'s completion arrived at {received[index]:O}, after the task succeeded at {events[^1].Data.At:O}");
        }

        Assert.DoesNotContain($"Task {id} accepted", api.Output, StringComparison.Ordinal);
    }

    private static string Describe(SseItem<TaskChange> e) =>
        e.Data.Kind == TaskChangeKinds.State ? $"state {e.Data.State}" : $"phase {e.Data.PhaseName} {e.Data.PhaseState}";

    private static async Task<List<SseItem<TaskChange>>> ReadStreamAsync(NodeProcess node, string id, Action onEvent)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await node.Http.GetAsync(PhaseFlowApi.Events(id), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
        var events = new List<SseItem<TaskChange>>();

        // Reads until the server ends the stream; the timeout fails the test if it never does.
        await foreach (var item in SseParser.Create(body, (_, data) => JsonSerializer.Deserialize<TaskChange>(data, NodeProcess.Json)!).EnumerateAsync(timeout.Token))
        {
            events.Add(item);
            onEvent();
        }

        return events;
    }
}
