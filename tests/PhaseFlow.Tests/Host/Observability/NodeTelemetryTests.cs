using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Host.Observability;

/// <summary>A real node with API keys and <c>--log-format json</c>: its <c>/metrics</c> route and its log lines.</summary>
public sealed partial class NodeTelemetryTests : IAsyncLifetime
{
    private const string FullKey = "full-key-0123456789abcdef";
    private const string ReadKey = "read-key-0123456789abcdef";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private NodeProcess _node = null!;

    public async Task InitializeAsync()
    {
        _node = await NodeProcess.StartFreshAsync("--api-key", FullKey, "--api-read-key", ReadKey, "--log-format", "json");
        _node.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", FullKey);
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Metrics_WithoutAKey_Is401()
    {
        using var anonymous = new HttpClient { BaseAddress = _node.Http.BaseAddress };

        using var response = await anonymous.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_WithAReadKey_ShowTheNodesTasksInPrometheusText()
    {
        await _node.SubmitUntilAcceptedAsync("steps", new { count = 3 }, "metered");
        await _node.WaitForStateAsync("metered", TaskLifecycleState.Succeeded, Patience);

        // An event stream counts while it is open: one of a task that is still running (a settled task's stream ends).
        await _node.SubmitUntilAcceptedAsync("steps", new { count = 1, delayMs = 600_000 }, "followed");
        using var reader = new HttpClient { BaseAddress = _node.Http.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ReadKey);
        using var stream = await reader.GetAsync(PhaseFlowApi.Events("followed"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);

        var text = await Eventually.HoldsAsync(
            async () =>
            {
                using var response = await reader.GetAsync("/metrics");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return await response.Content.ReadAsStringAsync();
            },
            body =>
            {
                Assert.Equal(3, Value(body, "phaseflow_phases_completed_total", ("phaseflow_task_type", "steps")));
                Assert.Equal(1, Value(body, "phaseflow_tasks", ("phaseflow_task_state", "Succeeded")));
                Assert.Equal(1, Value(body, "phaseflow_tasks", ("phaseflow_task_state", "Running")));
                Assert.Equal(1, Value(body, "phaseflow_event_streams_open"));
            },
            Patience);

        Assert.Equal(3, Value(text, "phaseflow_phase_duration_seconds_count", ("phaseflow_task_type", "steps"), ("phaseflow_outcome", "completed")));
        Assert.True(Value(text, "phaseflow_journal_write_duration_seconds_count") >= 4, "every write of the task's events is timed");
        Assert.Matches(@"(?m)^# TYPE phaseflow_phase_duration_seconds histogram$", text);
    }

    [Fact]
    public async Task Submit_WithATraceParentHeader_StoresTheCallersTraceWithTheTask()
    {
        const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        // A loaded machine may answer 503 ("try again"); the same submission again is the same task (200 once accepted).
        await Eventually.HoldsAsync(
            async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, PhaseFlowApi.Tasks)
                {
                    Content = JsonContent.Create(new { id = "traced", type = "steps", input = new { count = 1 } }),
                };
                request.Headers.Add("traceparent", $"00-{TraceId}-00f067aa0ba902b7-01");
                using var response = await _node.Http.SendAsync(request);
                return response.StatusCode;
            },
            status => Assert.True(status is HttpStatusCode.Accepted or HttpStatusCode.OK, $"submit answered {(int)status}"),
            Patience);

        // The task joins the caller's trace: the stored context has the caller's trace id (and the span of the request).
        var accepted = Assert.Single(_node.Journal.Read("task-traced"), r => r.Manifest == "E-TA");
        var stored = accepted.Event.GetProperty("traceParent").GetString();
        Assert.Matches($"^00-{TraceId}-[0-9a-f]{{16}}-01$", stored);
    }

    [Fact]
    public async Task Logs_InJsonFormat_AreOneObjectPerLine_WithTheTaskIdInScope()
    {
        await _node.SubmitUntilAcceptedAsync("steps", new { count = 2 }, "json-logged");
        await _node.WaitForStateAsync("json-logged", TaskLifecycleState.Succeeded, Patience);

        var lines = await Eventually.HoldsAsync(
            () => _node.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToList(),
            parsed => Assert.Contains(parsed, line => Message(line).Contains("json-logged succeeded", StringComparison.Ordinal)),
            Patience);

        var taskLines = lines.Where(line => Message(line).StartsWith("Task json-logged ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(taskLines);
        Assert.All(taskLines, line =>
        {
            Assert.Equal("PhaseFlow.Actors.Tasks.TaskActor", line.GetProperty("Category").GetString());
            Assert.Contains(line.GetProperty("Scopes").EnumerateArray(), scope => scope.TryGetProperty("TaskId", out var id) && id.GetString() == "json-logged");
        });
        Assert.Contains(lines, line => Message(line).StartsWith("PhaseFlow node ready:", StringComparison.Ordinal));
    }

    private static JsonElement Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"a log line is not JSON ({e.Message}): {line}");
        }
    }

    private static string Message(JsonElement line) => line.TryGetProperty("Message", out var message) ? message.GetString() ?? string.Empty : string.Empty;

    /// <summary>The value of the one sample of a metric whose labels include all of <paramref name="labels"/>.</summary>
    private static double Value(string exposition, string name, params (string Label, string Value)[] labels)
    {
        var samples = Sample().Matches(exposition)
            .Where(m => m.Groups["name"].Value == name && labels.All(l => m.Groups["labels"].Value.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
            .ToList();
        Assert.True(samples.Count == 1, $"{samples.Count} samples of {name} with {string.Join(", ", labels)} in:\n{exposition}");
        return double.Parse(samples[0].Groups["value"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"(?m)^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>[^}]*)\})? (?<value>\S+)")]
    private static partial Regex Sample();
}
