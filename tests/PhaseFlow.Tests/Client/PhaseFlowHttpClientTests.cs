using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PhaseFlow.Client;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using static PhaseFlow.Tests.Fixtures.WireSamples;

namespace PhaseFlow.Tests.Client;

public sealed class PhaseFlowHttpClientTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static async Task<List<TaskChange>> CollectAsync(IAsyncEnumerable<TaskChange> changes)
    {
        using var cancel = new CancellationTokenSource(Timeout);
        var list = new List<TaskChange>();
        await foreach (var change in changes.WithCancellation(cancel.Token))
        {
            list.Add(change);
        }

        return list;
    }

    [Fact]
    public async Task WatchAsync_MultiLineDataAndComments_YieldsOneChangePerEventUntilServerCloses()
    {
        // The JSON of the first event is split over three data lines; SSE joins them with newlines, which JSON allows.
        const string Stream =
            ": keep-alive comment\n" +
            "id: 1\nevent: phase\n" +
            "data: {\"sequence\":1,\"kind\":\"phase\",\n" +
            "data: \"phaseIndex\":0,\"phaseName\":\"inspect\",\"phaseState\":\"Running\",\"attempt\":1,\n" +
            "data: \"at\":\"2025-03-01T12:00:01+00:00\"}\n\n" +
            "id: 2\nevent: heartbeat\ndata: {}\n\n" +
            "id: 3\r\nevent: state\r\ndata: {\"sequence\":3,\"kind\":\"state\",\"state\":\"Succeeded\",\"at\":\"2025-03-01T12:00:02+00:00\",\"someFutureField\":42}\r\n\r\n";
        await using var server = await FakePhaseFlowServer.StartAsync(app =>
            app.MapGet("/tasks/{id}/events", (HttpContext context) => FakePhaseFlowServer.WriteEventsAsync(context, Stream)));
        using var http = new HttpClient { BaseAddress = server.Url };

        var changes = await CollectAsync(new PhaseFlowHttpClient(http).WatchAsync("t1"));

        Assert.Equal(2, changes.Count);
        Assert.Equal(new TaskChange(1, "phase", null, 0, "inspect", PhaseLifecycleState.Running, 1, null, Created.AddSeconds(1)), changes[0]);
        Assert.Equal(3, changes[1].Sequence);
        Assert.Equal(TaskLifecycleState.Succeeded, changes[1].State);
    }

    [Fact]
    public async Task WatchAsync_WithLastEventId_SendsItAsHeader()
    {
        await using var server = await FakePhaseFlowServer.StartAsync(app =>
            app.MapGet("/tasks/{id}/events", (HttpContext context) =>
                FakePhaseFlowServer.WriteEventsAsync(context, FakePhaseFlowServer.Event(StateChange(8, TaskLifecycleState.Reverted, 9)))));
        using var http = new HttpClient { BaseAddress = server.Url };

        var changes = await CollectAsync(new PhaseFlowHttpClient(http).WatchAsync("a b", lastEventId: 7));

        Assert.Equal(8, Assert.Single(changes).Sequence);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/tasks/a%20b/events", request.PathAndQuery);
        Assert.Equal("7", request.LastEventId);
    }

    [Fact]
    public async Task WatchAsync_UnknownTask_ThrowsWithStatusAndDetail()
    {
        await using var server = await FakePhaseFlowServer.StartAsync(app =>
            app.MapGet("/tasks/{id}/events", () => FakePhaseFlowServer.Problem(404, "Not Found", "no task has id nope")));
        using var http = new HttpClient { BaseAddress = server.Url };

        var error = await Assert.ThrowsAsync<PhaseFlowApiException>(() => CollectAsync(new PhaseFlowHttpClient(http).WatchAsync("nope")));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("no task has id nope", error.Detail);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task CancelAsync_ProblemJson409_ThrowsWithStatusTitleAndDetail()
    {
        await using var server = await FakePhaseFlowServer.StartAsync(app =>
            app.MapPost("/tasks/{id}/cancel", () => FakePhaseFlowServer.Problem(409, "Conflict", "task t1 already Succeeded")));
        using var http = new HttpClient { BaseAddress = server.Url };

        var error = await Assert.ThrowsAsync<PhaseFlowApiException>(() => new PhaseFlowHttpClient(http).CancelAsync("t1"));

        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
        Assert.Equal("Conflict", error.Title);
        Assert.Equal("task t1 already Succeeded", error.Message);
        Assert.Equal("https://phaseflow.dev/problems/test", error.ProblemType);
    }

    [Fact]
    public async Task SubmitAsync_ValidationProblem_ListsTheErrorsInTheMessage()
    {
        await using var server = await FakePhaseFlowServer.StartAsync(app =>
            app.MapPost("/tasks", () => Results.Text(
                """{"title":"Invalid input","status":400,"detail":"the input of mkdir is invalid","errors":{"path":["path must be absolute"]}}""",
                PhaseFlowApi.ProblemContentType,
                statusCode: 400)));
        using var http = new HttpClient { BaseAddress = server.Url };

        var error = await Assert.ThrowsAsync<PhaseFlowApiException>(() =>
            new PhaseFlowHttpClient(http).SubmitAsync("mkdir", JsonDocument.Parse("""{"path":"a"}""").RootElement));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("the input of mkdir is invalid", error.Message, StringComparison.Ordinal);
        Assert.Contains("path: path must be absolute", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_202_IsCreatedAndSendsTheWireBody()
    {
        await using var server = await FakePhaseFlowServer.StartAsync(app =>
            app.MapPost("/tasks", () => FakePhaseFlowServer.Json(new TaskCommandResponse("t1", TaskLifecycleState.Pending), 202)));
        using var http = new HttpClient { BaseAddress = server.Url };

        var result = await new PhaseFlowHttpClient(http).SubmitAsync("mkdir", JsonDocument.Parse("""{"path":"/a"}""").RootElement);

        Assert.True(result.Created);
        Assert.Equal(("t1", TaskLifecycleState.Pending), (result.Id, result.State));
        // The body binds with the server's strict options, and an absent id is left out rather than sent as null.
        var body = Assert.Single(server.Requests).Body;
        Assert.Equal("""{"type":"mkdir","input":{"path":"/a"}}""", body);
        var bound = JsonSerializer.Deserialize<SubmitTaskRequest>(body, PhaseFlowJson.Options)!;
        Assert.Equal(("mkdir", null, "/a"), (bound.Type, bound.Id, bound.Input.GetProperty("path").GetString()));
    }

    [Fact]
    public async Task SubmitAsync_200_IsTheExistingTask()
    {
        await using var server = await FakePhaseFlowServer.StartAsync(app =>
            app.MapPost("/tasks", () => FakePhaseFlowServer.Json(Task("t1", TaskLifecycleState.Running, 3, Phase(0, "inspect", PhaseLifecycleState.Running)))));
        using var http = new HttpClient { BaseAddress = server.Url };

        var result = await new PhaseFlowHttpClient(http).SubmitAsync("mkdir", JsonDocument.Parse("""{"path":"/tmp/a"}""").RootElement, "t1");

        Assert.False(result.Created);
        Assert.Equal(TaskLifecycleState.Running, result.State);
        Assert.Equal("inspect", Assert.Single(result.Existing!.Phases).Name);
        Assert.Contains("\"id\":\"t1\"", Assert.Single(server.Requests).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_404_ReturnsNull()
    {
        await using var server = await FakePhaseFlowServer.StartAsync(app =>
            app.MapGet("/tasks/{id}", () => FakePhaseFlowServer.Problem(404, "Not Found", "no task has id x")));
        using var http = new HttpClient { BaseAddress = server.Url };

        Assert.Null(await new PhaseFlowHttpClient(http).GetAsync("x"));
    }

    [Fact]
    public async Task GetAsync_ResponseWithUnknownMembers_IsReadLeniently()
    {
        var json = JsonSerializer.Serialize(Task("t1", TaskLifecycleState.Succeeded, 1, Phase(0, "only", PhaseLifecycleState.Completed)), PhaseFlowJson.Options);
        json = json.Insert(1, "\"addedByANewerServer\":{\"x\":1},");
        await using var server = await FakePhaseFlowServer.StartAsync(app =>
            app.MapGet("/tasks/{id}", () => Results.Text(json, "application/json")));
        using var http = new HttpClient { BaseAddress = server.Url };

        var task = await new PhaseFlowHttpClient(http).GetAsync("t1");

        Assert.Equal(TaskLifecycleState.Succeeded, task!.State);
        Assert.Equal(PhaseLifecycleState.Completed, task.Phases[0].State);
    }

    [Fact]
    public async Task ListAsync_SendsFiltersAsQuery()
    {
        await using var server = await FakePhaseFlowServer.StartAsync(app =>
            app.MapGet("/tasks", () => FakePhaseFlowServer.Json(new TaskListPage([], "c&2"))));
        using var http = new HttpClient { BaseAddress = server.Url };

        var page = await new PhaseFlowHttpClient(http).ListAsync(TaskLifecycleState.RevertFailed, "mkdir", 10, "c&1");

        Assert.Equal("c&2", page.Next);
        Assert.Equal("/tasks?state=RevertFailed&type=mkdir&limit=10&after=c%261", Assert.Single(server.Requests).PathAndQuery);
    }

    [Fact]
    public async Task HealthAsync_503Starting_IsAnAnswerNotAnError()
    {
        await using var server = await FakePhaseFlowServer.StartAsync(app =>
            app.MapGet("/health", () => FakePhaseFlowServer.Json(new HealthReport("starting", "cluster not joined"), 503)));
        using var http = new HttpClient { BaseAddress = server.Url };

        var health = await new PhaseFlowHttpClient(http).HealthAsync();

        Assert.Equal(new HealthReport("starting", "cluster not joined"), health);
    }

    [Fact]
    public async Task AnyCall_ConnectionRefused_SaysTheNodeIsNotRunning()
    {
        var url = FakePhaseFlowServer.UnusedUrl();
        using var http = new HttpClient { BaseAddress = url };

        var error = await Assert.ThrowsAsync<PhaseFlowApiException>(() => new PhaseFlowHttpClient(http).HealthAsync());

        Assert.Null(error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.StartsWith($"cannot reach PhaseFlow at {url}: ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("— is the node running? (start it with `phaseflow run`)", error.Message, StringComparison.Ordinal);
    }
}
