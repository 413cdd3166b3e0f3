using System.Net;
using System.Net.Http.Json;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Host.Security;

/// <summary>A node's limits: tasks running, event streams open, requests per client, request size.</summary>
public sealed class LimitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Submission_BeyondMaxRunningTasks_Is429WithRetryAfterStoresNothingAndIsTakenOnceATaskSettles()
    {
        await using var node = await NodeProcess.StartFreshAsync("--max-running-tasks", "2");
        await node.SubmitAsync("steps", new { count = 1, delayMs = 600_000 }, "long-1");
        await node.SubmitAsync("steps", new { count = 1, delayMs = 600_000 }, "long-2");

        using var refused = await node.Http.PostAsJsonAsync(PhaseFlowApi.Tasks, new { type = "steps", id = "third", input = new { count = 1 } });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("5", refused.Headers.RetryAfter?.ToString());
        Assert.Equal(PhaseFlowApi.ProblemContentType, refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("already runs 2 tasks", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(node.Journal.Read("task-third"));

        using var cancelled = await node.Http.PostAsync(PhaseFlowApi.Cancel("long-1"), null);
        await node.WaitForStateAsync("long-1", TaskLifecycleState.Reverted);
        var accepted = await node.SubmitAsync("steps", new { count = 1 }, "third");
        await node.WaitForStateAsync("third", TaskLifecycleState.Succeeded);

        Assert.Equal("third", accepted.Id);
    }

    [Fact]
    public async Task EventStream_BeyondMaxEventStreams_Is503WithRetryAfterAndASlotFreesWhenAStreamCloses()
    {
        await using var node = await NodeProcess.StartFreshAsync("--max-event-streams", "2");
        await node.SubmitAsync("steps", new { count = 1, delayMs = 600_000 }, "watched");
        var first = await OpenStreamAsync(node);
        using var second = await OpenStreamAsync(node);

        using var third = await OpenStreamAsync(node);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, third.StatusCode);
        Assert.Equal("5", third.Headers.RetryAfter?.ToString());
        Assert.Contains("--max-event-streams", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        first.Dispose();
        // The node notices the closed stream on its next write or keep-alive, not at once.
        using var again = await Eventually.HoldsAsync(
            () => OpenStreamAsync(node),
            response => Assert.Equal(HttpStatusCode.OK, response.StatusCode),
            Patience);
    }

    [Fact]
    public async Task Requests_BeyondTheRateLimit_Are429WithRetryAfter_HealthIsNeverLimited()
    {
        await using var node = await NodeProcess.StartFreshAsync("--rate-limit", "5");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 30; i++)
        {
            var response = await node.Http.GetAsync(PhaseFlowApi.Tasks);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited ??= response;
            }
        }

        var health = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            using var response = await node.Http.GetAsync(PhaseFlowApi.Health);
            health.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.NotNull(limited);
        Assert.Equal("5", limited.Headers.RetryAfter?.ToString());
        Assert.Equal(PhaseFlowApi.ProblemContentType, limited.Content.Headers.ContentType?.MediaType);
        Assert.All(health, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task Requests_OverKestrelsLimits_AreRefused()
    {
        await using var node = await NodeProcess.StartFreshAsync();

        using var longUrl = await node.Http.GetAsync(PhaseFlowApi.Task(new string('a', 9 * 1024)));
        using var bigHeaders = new HttpRequestMessage(HttpMethod.Get, PhaseFlowApi.Tasks);
        bigHeaders.Headers.Add("X-Padding", new string('p', 40 * 1024));
        using var tooManyBytes = await node.Http.SendAsync(bigHeaders);

        Assert.Equal(HttpStatusCode.RequestUriTooLong, longUrl.StatusCode);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, tooManyBytes.StatusCode);
        using var health = await node.Http.GetAsync(PhaseFlowApi.Health);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static async Task<HttpResponseMessage> OpenStreamAsync(NodeProcess node) =>
        await node.Http.GetAsync(PhaseFlowApi.Events("watched"), HttpCompletionOption.ResponseHeadersRead);
}
