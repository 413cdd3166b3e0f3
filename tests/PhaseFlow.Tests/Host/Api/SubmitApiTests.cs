using System.Net;
using System.Net.Http.Json;
using System.Text;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Host.Api;

/// <summary>POST /tasks and GET /tasks/{id} against a real node process: the happy path, idempotency and every error path.</summary>
public sealed class SubmitApiTests(SharedNode shared) : IClassFixture<SharedNode>
{
    private NodeProcess Node => shared.Node;

    [Fact]
    public async Task Health_says_ready_once_the_node_is_up()
    {
        using var response = await Node.Http.GetAsync(PhaseFlowApi.Health);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<HealthReport>(NodeProcess.Json);
        Assert.Equal("ready", report!.Status);
    }

    [Fact]
    public async Task A_submission_without_id_gets_a_generated_id_and_202()
    {
        using var response = await Node.Http.PostAsync(PhaseFlowApi.Tasks, Json("""{"type":"steps","input":{"count":1}}"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var submitted = (await response.Content.ReadFromJsonAsync<TaskCommandResponse>(NodeProcess.Json))!;
        Assert.True(TaskIds.IsValid(submitted.Id));
        Assert.Equal(PhaseFlowApi.Task(submitted.Id), response.Headers.Location?.OriginalString);
        await Node.WaitForStateAsync(submitted.Id, TaskLifecycleState.Succeeded);
    }

    [Fact]
    public async Task The_status_lists_every_phase_with_its_state_attempts_and_times()
    {
        var id = NewId();
        await Node.SubmitAsync("steps", new { count = 3, failAtPhase = 1, failAttempts = 2 }, id);

        var status = await Node.WaitForStateAsync(id, TaskLifecycleState.Succeeded);

        Assert.Equal("steps", status.Type);
        Assert.Equal(3, status.PhaseCount);
        Assert.Equal(3, status.Input.GetProperty("count").GetInt32());
        Assert.Equal(["step-0", "step-1", "step-2"], status.Phases.Select(p => p.Name));
        Assert.All(status.Phases, p => Assert.Equal(PhaseLifecycleState.Completed, p.State));
        Assert.Equal([1, 3, 1], status.Phases.Select(p => p.Attempts));
        Assert.All(status.Phases, p => Assert.True(p.StartedAt <= p.CompletedAt));
        Assert.Null(status.Error);
    }

    [Fact]
    public async Task A_failed_task_shows_its_errors_without_stack_traces()
    {
        var id = NewId();
        await Node.SubmitAsync("steps", new { count = 2, failAtPhase = 1, revertFails = true }, id);
        var status = await Node.WaitForStateAsync(id, TaskLifecycleState.RevertFailed);

        using var response = await Node.Http.GetAsync(PhaseFlowApi.Task(id));
        var body = await response.Content.ReadAsStringAsync();
        var events = await Node.Http.GetStringAsync(PhaseFlowApi.Events(id));

        // Every kind of error is there: the phase's last attempt, the failure that started the revert, the revert's own.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("System.InvalidOperationException", status.Phases[1].Error!.Type);
        Assert.Contains("step-1 failed on purpose", status.Phases[1].Error!.Message, StringComparison.Ordinal);
        Assert.Contains("step-1 failed on purpose", status.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("revert of step-1 failed on purpose", status.Revert!.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("revert of step-1 failed on purpose", events, StringComparison.Ordinal);

        // The journal keeps the stack text (for the node's log); the API shows none of it, nor the frames' type names.
        foreach (var text in new[] { body, events })
        {
            Assert.DoesNotContain("stackTrace", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
            Assert.DoesNotContain("StepsTask", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_same_id_type_and_input_again_answers_200_with_the_current_status()
    {
        var id = NewId();
        await Node.SubmitAsync("steps", new { count = 2 }, id);
        await Node.WaitForStateAsync(id, TaskLifecycleState.Succeeded);

        // Same content, different property order and whitespace: still the same input.
        using var again = await Node.Http.PostAsync(PhaseFlowApi.Tasks, Json($$"""{ "input": { "count": 2 }, "type": "steps", "id": "{{id}}" }"""));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var status = (await again.Content.ReadFromJsonAsync<TaskResource>(NodeProcess.Json))!;
        Assert.Equal(id, status.Id);
        Assert.Equal(TaskLifecycleState.Succeeded, status.State);
        Assert.Equal(2, status.Phases.Count);
    }

    [Theory]
    [InlineData("""{"type":"steps","input":{"count":3}}""", "different input")]
    [InlineData("""{"type":"mkdir","input":{"path":"/tmp/phaseflow-never-created"}}""", "different type")]
    public async Task The_same_id_with_different_content_is_409_and_changes_nothing(string otherBody, string expected)
    {
        var id = NewId();
        await Node.SubmitAsync("steps", new { count = 2 }, id);
        await Node.WaitForStateAsync(id, TaskLifecycleState.Succeeded);

        using var response = await Node.Http.PostAsync(PhaseFlowApi.Tasks, Json(otherBody.Replace("{\"type\"", $"{{\"id\":\"{id}\",\"type\"", StringComparison.Ordinal)));

        var problem = await ProblemResponse.ReadAsync(response, HttpStatusCode.Conflict);
        Assert.Contains(expected, problem.Detail, StringComparison.Ordinal);
        var status = await Node.GetAsync(id);
        Assert.Equal(2, status!.Input.GetProperty("count").GetInt32());
        Assert.Equal(2, status.Phases.Count);
    }

    [Theory]
    [InlineData("""{"type":"no-such-type","input":{}}""", "Known types: mkdir, steps")]
    [InlineData("""{"type":"steps","input":{"count":1}""", "not valid JSON")]
    [InlineData("""[{"type":"steps"}]""", "must be a JSON object")]
    [InlineData("""{"input":{"count":1}}""", "\"type\" is required")]
    [InlineData("""{"type":"steps"}""", "\"input\" is required")]
    [InlineData("""{"type":"steps","input":[1]}""", "not an array")]
    [InlineData("""{"type":"steps","input":{"count":1},"priority":3}""", "\"priority\"")]
    [InlineData("""{"type":"steps","input":{"count":1,"colour":"red"}}""", "colour")]
    [InlineData("""{"type":"steps","input":{"count":"three"}}""", "count")]
    [InlineData("""{"type":"steps","input":{"count":0}}""", "count must be between 1 and 10000")]
    [InlineData("""{"type":"steps","input":{"count":2,"failAtPhase":5}}""", "failAtPhase must be between 0 and count - 1")]
    [InlineData("""{"type":"mkdir","input":{"path":"relative/dir"}}""", "path must be absolute")]
    [InlineData("""{"id":"has space","type":"steps","input":{"count":1}}""", "A-Z, a-z, 0-9")]
    [InlineData("""{"id":42,"type":"steps","input":{"count":1}}""", "\"id\" must be a string")]
    public async Task Bad_submissions_are_400_problems_that_say_what_is_wrong(string body, string expected)
    {
        using var response = await Node.Http.PostAsync(PhaseFlowApi.Tasks, Json(body));

        var problem = await ProblemResponse.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(expected, problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_id_longer_than_200_characters_is_400()
    {
        using var response = await Node.Http.PostAsync(PhaseFlowApi.Tasks, Json($$$"""{"id":"{{{new string('a', 201)}}}","type":"steps","input":{"count":1}}"""));

        var problem = await ProblemResponse.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("1 to 200 characters", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_1_MiB_is_400_and_nothing_is_stored()
    {
        var id = NewId();
        var body = $$$"""{"id":"{{{id}}}","type":"mkdir","input":{"path":"/{{{new string('a', PhaseFlowApi.MaxRequestBodyBytes)}}}"}}""";

        using var response = await Node.Http.PostAsync(PhaseFlowApi.Tasks, Json(body));

        var problem = await ProblemResponse.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("1 MiB", problem.Detail, StringComparison.Ordinal);
        Assert.Null(await Node.GetAsync(id));
    }

    [Fact]
    public async Task A_chunked_body_over_1_MiB_without_a_content_length_is_400_and_nothing_is_stored()
    {
        var id = NewId();
        var body = System.Text.Encoding.UTF8.GetBytes($$$"""{"id":"{{{id}}}","type":"mkdir","input":{"path":"/{{{new string('a', PhaseFlowApi.MaxRequestBodyBytes)}}}"}}""");

        // A stream of unknown length goes out chunked: the server only learns the size by reading.
        using var content = new StreamContent(new UnseekableStream(body));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, PhaseFlowApi.Tasks) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await Node.Http.SendAsync(request);

        var problem = await ProblemResponse.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Null(request.Content.Headers.ContentLength);
        Assert.Contains("1 MiB", problem.Detail, StringComparison.Ordinal);
        Assert.Null(await Node.GetAsync(id));
    }

    [Fact]
    public async Task A_rejected_input_stores_nothing_under_its_id()
    {
        var id = NewId();
        using var response = await Node.Http.PostAsync(PhaseFlowApi.Tasks, Json($$$"""{"id":"{{{id}}}","type":"steps","input":{"count":-1}}"""));

        await ProblemResponse.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Null(await Node.GetAsync(id));
    }

    [Fact]
    public async Task An_unknown_id_is_404_and_an_invalid_one_400()
    {
        using var unknown = await Node.Http.GetAsync(PhaseFlowApi.Task(NewId()));
        using var invalid = await Node.Http.GetAsync(PhaseFlowApi.Task("no spaces allowed"));

        await ProblemResponse.ReadAsync(unknown, HttpStatusCode.NotFound);
        await ProblemResponse.ReadAsync(invalid, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Mkdir_creates_every_missing_level()
    {
        var root = Path.Combine(Node.Folder, "mkdir-" + NewId());
        var target = Path.Combine(root, "a", "b");
        var id = NewId();

        await Node.SubmitAsync("mkdir", new { path = target }, id);
        var status = await Node.WaitForStateAsync(id, TaskLifecycleState.Succeeded);

        Assert.True(Directory.Exists(target));
        Assert.Equal(status.PhaseCount, status.Phases.Count);
        Assert.Equal("inspect", status.Phases[0].Name);
    }

    internal static string NewId() => "t-" + Guid.NewGuid().ToString("N");

    internal static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>A stream that cannot tell its length, so HttpClient sends it chunked.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
