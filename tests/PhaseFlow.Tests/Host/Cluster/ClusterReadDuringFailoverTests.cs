using System.Diagnostics;
using System.Net;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Host.Cluster;

/// <summary>
/// Reads of a task whose node died, through the surviving nodes, while its shard moves: each answers soon, with 503 and
/// <c>Retry-After</c>, rather than waiting the whole ask timeout for a node that is gone.
/// </summary>
public sealed class ClusterReadDuringFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    // The ask timeout a read would otherwise wait for a dead node (PhaseFlowOptions.AskTimeout); a 503 well under it
    // shows the read did not wait for it, with room for a starved test machine.
    private static readonly TimeSpan WellUnderAskTimeout = TimeSpan.FromSeconds(5);

    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Reads_through_survivors_while_the_task_moves_answer_503_with_Retry_After_soon_then_200()
    {
        const string id = "moving-read";
        await _cluster.Nodes[0].SubmitUntilAcceptedAsync("steps", new { count = 400, delayMs = 300, journal = _cluster.LinesFileOf(id) }, id);
        await _cluster.WaitForLinesAsync([id], 2, Patience);
        var host = Assert.Single(_cluster.Nodes, n => n.Output.Contains($"Task {id} accepted", StringComparison.Ordinal));
        var survivors = _cluster.Nodes.Where(n => n != host).ToList();
        foreach (var survivor in survivors)
        {
            await survivor.WaitForStateAsync(id, TaskLifecycleState.Running, Patience);
        }

        await host.KillAsync();

        // Read through the survivors in turn until the task answers again from its new node.
        var answers = new List<(HttpStatusCode Status, TimeSpan Took, string? RetryAfter)>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Patience)
        {
            var took = Stopwatch.StartNew();
            using var response = await survivors[answers.Count % survivors.Count].Http.GetAsync(PhaseFlowApi.Task(id));
            answers.Add((response.StatusCode, took.Elapsed, response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"a read during failover answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");

            // A client's polling interval, shorter than the Retry-After it was given, to see many answers.
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        var unavailable = answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable).ToList();
        TestReport.Write(output, $"reads through the survivors after SIGKILL of the task's node: {answers.Count} read(s) until 200 after {clock.Elapsed.TotalSeconds:F1} s; 503 answers took {string.Join(", ", unavailable.Select(a => a.Took.TotalSeconds.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))} s");
        Assert.Equal(HttpStatusCode.OK, answers[^1].Status);
        Assert.NotEmpty(unavailable);
        Assert.All(unavailable, a => Assert.NotNull(a.RetryAfter));
        Assert.All(unavailable, a => Assert.True(a.Took < WellUnderAskTimeout, $"a 503 took {a.Took.TotalSeconds:F1} s"));
    }
}
