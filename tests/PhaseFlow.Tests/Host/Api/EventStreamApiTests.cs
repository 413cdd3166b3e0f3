using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Host.Api;

/// <summary>GET /tasks/{id}/events: the server-sent phase and state changes of one task, until it finishes.</summary>
public sealed class EventStreamApiTests(SharedNode shared) : IClassFixture<SharedNode>
{
    private NodeProcess Node => shared.Node;

    [Fact]
    public async Task A_watcher_sees_every_phase_and_state_change_live_and_the_stream_ends_with_the_task()
    {
        var id = SubmitApiTests.NewId();
        await Node.SubmitAsync("steps", new { count = 3, delayMs = 700 }, id);

        var received = new List<DateTimeOffset>();
        var events = await ReadStreamAsync(id, lastEventId: null, onEvent: () => received.Add(DateTimeOffset.UtcNow));

        Assert.Equal(
            [
                "state Pending", "phase step-0 Running", "state Running", "phase step-0 Completed",
                "phase step-1 Running", "phase step-1 Completed", "phase step-2 Running", "phase step-2 Completed",
                "state Succeeded",
            ],
            events.Select(Describe));
        Assert.All(events, e => Assert.Equal(e.EventType, e.Data.Kind));
        Assert.Equal(events.Select(e => e.Data.Sequence).Order(), events.Select(e => e.Data.Sequence));

        // Live, not replayed afterwards: the first completion arrived while the task still had two phases to run.
        var firstCompletion = events.FindIndex(e => Describe(e) == "phase step-0 Completed");
        Assert.True(received[firstCompletion] < events[^1].Data.At, $"step-0's completion arrived at {received[firstCompletion]:O}, after the task succeeded at {events[^1].Data.At:O}");
    }

    [Fact]
    public async Task A_failed_attempt_and_the_revert_show_in_the_stream()
    {
        var id = SubmitApiTests.NewId();
        await Node.SubmitAsync("steps", new { count = 2, failAtPhase = 1 }, id);

        var events = await ReadStreamAsync(id, lastEventId: null);

        Assert.Contains("phase step-1 Failed", events.Select(Describe));
        // The failed phase is undone first (it may have half-run), then the completed one.
        Assert.Equal(["state Reverting", "phase step-1 Reverted", "phase step-0 Reverted", "state Reverted"], events.Select(Describe).TakeLast(4));
        Assert.Contains("failed on purpose", events.Single(e => e.Data.State == TaskLifecycleState.Reverting).Data.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Last_Event_ID_resumes_after_the_last_event_seen()
    {
        var id = SubmitApiTests.NewId();
        await Node.SubmitAsync("steps", new { count = 3 }, id);
        await Node.WaitForStateAsync(id, TaskLifecycleState.Succeeded);
        var all = await ReadStreamAsync(id, lastEventId: null);
        var cut = all.First(e => e.Data.PhaseName == "step-1" && e.Data.PhaseState == PhaseLifecycleState.Completed);

        var rest = await ReadStreamAsync(id, lastEventId: cut.EventId);

        Assert.NotNull(cut.EventId);
        Assert.Equal(all.Where(e => e.Data.Sequence > cut.Data.Sequence).Select(Describe), rest.Select(Describe));
        Assert.NotEmpty(rest);
    }

    [Fact]
    public async Task The_stream_of_an_unknown_task_is_404()
    {
        using var response = await Node.Http.GetAsync(PhaseFlowApi.Events(SubmitApiTests.NewId()));

        await ProblemResponse.ReadAsync(response, HttpStatusCode.NotFound);
    }

    private static string Describe(SseItem<TaskChange> e) =>
        e.Data.Kind == TaskChangeKinds.State ? $"state {e.Data.State}" : $"phase {e.Data.PhaseName} {e.Data.PhaseState}";

    private async Task<List<SseItem<TaskChange>>> ReadStreamAsync(string id, string? lastEventId, Action? onEvent = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, PhaseFlowApi.Events(id));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await Node.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
        var events = new List<SseItem<TaskChange>>();

        // Reads until the server ends the stream; the timeout fails the test if it never does.
        await foreach (var item in SseParser.Create(body, (type, data) => JsonSerializer.Deserialize<TaskChange>(data, NodeProcess.Json)!).EnumerateAsync(timeout.Token))
        {
            events.Add(item);
            onEvent?.Invoke();
        }

        return events;
    }
}
