using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Host.Node;
using PhaseFlow.Tests.Fixtures;
using PhaseFlow.Tests.Host.Cli;
using Xunit;

namespace PhaseFlow.Tests.Host.Text;

/// <summary>
/// A catalogue of bad inputs a user can give PhaseFlow — node flags, environment variables, appsettings keys, JSON
/// bodies to the real API, CLI arguments — each answered in the user's terms: the flag, variable or JSON path, and
/// what is allowed; never a .NET type name, a stack frame or a source path (<see cref="UserFacingText"/>).
/// Cheap checks run in-process (the node's configuration is built without starting it; the CLI runs with test
/// consoles); one shared node answers the API and CLI entries; only start-up errors start processes (they exit at once).
/// </summary>
public sealed class UserFacingTextTests(SharedNode shared) : IClassFixture<SharedNode>, IDisposable
{
    private readonly TempFolder _temp = new("words");

    private NodeProcess Node => shared.Node;

    /// <summary>Flags and <c>PHASEFLOW_…</c> variables the node refuses, with what its message must say.</summary>
    public static TheoryData<string[], string?, string> NodeSettings => new()
    {
        { ["--akka-port", "abc"], null, "--akka-port must be a whole number, between 0 and 65535 (0 = any free port); it is 'abc'." },
        { ["--akka-port", "70000"], null, "--akka-port must be a whole number, between 0 and 65535" },
        { ["--akka-port=-1"], null, "--akka-port must be a whole number" },
        { ["--akka-port"], null, "option --akka-port needs a value" },
        { ["--max-running-tasks", "many"], null, "--max-running-tasks must be a whole number, at least 1; it is 'many'." },
        { ["--max-running-tasks", "0"], null, "--max-running-tasks must be a whole number, at least 1; it is '0'." },
        { ["--max-event-streams", "1.5"], null, "--max-event-streams must be a whole number; it is '1.5'." },
        { ["--max-event-streams", "0"], null, "--max-event-streams must be at least 1" },
        { ["--rate-limit", "fast"], null, "--rate-limit must be a whole number; it is 'fast'." },
        { ["--rate-limit", "-1"], null, "--rate-limit must be 0 (off)" },
        { ["--allow-anonymous=maybe"], null, "option --allow-anonymous is a switch" },
        { ["--demo-tasks", "sometimes"], null, "--demo-tasks must be on or off" },
        { ["--demo-root", "relative/dir"], null, "--demo-root must be an absolute directory path" },
        { ["--urls", "ftp://127.0.0.1:1"], null, "is not an http:// or https:// URL" },
        { ["--seed-nodes", "not-an-address"], null, "Seed node 'not-an-address' is not an Akka address" },
        { ["--roles", "a b"], null, "Role 'a b' is not a valid role name" },
        { ["--tls-password", "secret"], null, "--tls-password (PHASEFLOW_TLS_PASSWORD) is set but --tls-certificate is not" },
        { ["--tasks-assembly", "/no/such/tasks.dll"], null, "'/no/such/tasks.dll' does not exist" },
        { ["--sqlite", "/proc/nope/x.db"], null, "--sqlite: Cannot open the PhaseFlow database '/proc/nope/x.db'" },
        { ["--sqlite", "a.db", "--sqlite", "b.db"], null, "option --sqlite was given more than once" },
        { ["--bogus", "1"], null, "unknown option '--bogus'" },
        { ["--log-format", "xml"], null, "LogFormat (--log-format, PHASEFLOW_LOG_FORMAT): 'xml' is not a log format; use one of text, json." },
        { ["--otlp-endpoint", "collector:4317"], null, "OtlpEndpoint (--otlp-endpoint, PHASEFLOW_OTLP_ENDPOINT): 'collector:4317' is not an http:// or https:// URL of an OpenTelemetry collector (for example http://localhost:4317)." },
        { ["--otlp-protocol", "udp"], null, "OtlpProtocol (--otlp-protocol, PHASEFLOW_OTLP_PROTOCOL): 'udp' is not an OTLP transport; use one of grpc, http." },
        { [], "PHASEFLOW_AKKA_PORT=abc", "PHASEFLOW_AKKA_PORT must be a whole number, between 0 and 65535 (0 = any free port); it is 'abc'." },
        { [], "PHASEFLOW_MAX_RUNNING_TASKS=-5", "PHASEFLOW_MAX_RUNNING_TASKS must be a whole number, at least 1; it is '-5'." },
        { [], "PHASEFLOW_RATE_LIMIT=fast", "PHASEFLOW_RATE_LIMIT must be a whole number; it is 'fast'." },
        { [], "PHASEFLOW_ALLOW_PLAINTEXT_CLUSTER=yes", "PHASEFLOW_ALLOW_PLAINTEXT_CLUSTER must be true or false; it is 'yes'." },
        { [], "PHASEFLOW_DEMO_TASKS=maybe", "--demo-tasks must be on or off; it is 'maybe'." },
        { ["--akka-port", "x"], "PHASEFLOW_AKKA_PORT=4053", "--akka-port must be a whole number" },
    };

    /// <summary>Start-up errors of the real executable: flags, <c>PHASEFLOW_…</c> and <c>PhaseFlow__…</c> variables.</summary>
    public static TheoryData<string[], string?, string> StartupErrors => new()
    {
        { ["--akka-port", "abc"], null, "phaseflow: cannot start the node: --akka-port must be a whole number, between 0 and 65535 (0 = any free port); it is 'abc'." },
        { ["--sqlite", "/proc/nope/x.db"], null, "phaseflow: cannot start the node: --sqlite: Cannot open the PhaseFlow database '/proc/nope/x.db'" },
        { [], "PHASEFLOW_AKKA_PORT=abc", "phaseflow: cannot start the node: PHASEFLOW_AKKA_PORT must be a whole number" },
        { [], "PhaseFlow__IdleTimeout=soon", "phaseflow: cannot start the node: PhaseFlow__IdleTimeout must be a duration written hh:mm:ss (for example 00:00:30), between 1 second and 1 day; it is 'soon'." },
        { [], "PhaseFlow__AllowAnonymous=perhaps", "phaseflow: cannot start the node: PhaseFlow__AllowAnonymous must be true or false; it is 'perhaps'." },

        // Nothing listens on port 1 of loopback: the server cannot be reached (and the password is never echoed).
        { ["--postgres", "Host=127.0.0.1;Port=1;Database=phaseflow;Username=phaseflow;Password=not-to-be-shown"], null, "phaseflow: cannot start the node: --postgres: Cannot prepare the PhaseFlow database (PostgreSQL 127.0.0.1:1/phaseflow): Failed to connect to 127.0.0.1:1. Check that the server runs" },
    };

    /// <summary>Bad requests to the API, with the status and (where it names the mistake) what the problem's detail says.</summary>
    public static TheoryData<string, string, string?, int, string?> ApiRequests => new()
    {
        { "POST", "/tasks", """{"type":"steps","input":{"count":"x"}}""", 400, "input.count must be a whole number; it is \"x\"" },
        { "POST", "/tasks", """{"type":"steps","input":{"count":1.5}}""", 400, "input.count must be a whole number; it is 1.5" },
        { "POST", "/tasks", """{"type":"steps","input":{"count":99999999999}}""", 400, "input.count must be a whole number from -2147483648 to 2147483647" },
        { "POST", "/tasks", """{"type":"steps","input":{"count":null}}""", 400, "input.count must be a whole number; it is null" },
        { "POST", "/tasks", """{"type":"steps","input":{"count":2,"revertFails":"yes"}}""", 400, "input.revertFails must be true or false" },
        { "POST", "/tasks", """{"type":"steps","input":{"count":2,"delayMs":"slow"}}""", 400, "input.delayMs must be a whole number" },
        { "POST", "/tasks", """{"type":"steps","input":{"count":2,"colour":"red"}}""", 400, "input.colour is not a field of the input; the fields are count," },
        { "POST", "/tasks", """{"type":"steps","input":{"count":0}}""", 400, "count must be between 1 and 10000" },
        { "POST", "/tasks", """{"type":"mkdir","input":{}}""", 400, "input.path is required" },
        { "POST", "/tasks", """{"type":"mkdir","input":{"path":5}}""", 400, "input.path must be a string; it is 5" },
        { "POST", "/tasks", """{"type":"mkdir","input":{"path":null}}""", 400, "input.path must not be null" },
        { "POST", "/tasks", """{"type":5,"input":{}}""", 400, "\"type\" is required" },
        { "POST", "/tasks", """{"type":"nope","input":{}}""", 400, "Known types: mkdir, steps" },
        { "POST", "/tasks", """{"type":"steps","input":"x"}""", 400, "must be a JSON object" },
        { "POST", "/tasks", """{"type":"steps","input":{"count":1}""", 400, "not valid JSON" },
        { "POST", "/tasks", """{"id":"has space","type":"steps","input":{"count":1}}""", 400, "A-Z, a-z, 0-9" },
        { "POST", "/tasks", """{"id":7,"type":"steps","input":{"count":1}}""", 400, "\"id\" must be a string" },
        { "POST", "/tasks", """{"type":"steps","input":{"count":1},"priority":3}""", 400, "\"priority\"" },
        { "GET", "/tasks?state=Bogus", null, 400, "state 'Bogus' is not a task state; use one of Pending, Running" },
        { "GET", "/tasks?limit=abc", null, 400, "use a whole number from 1 to 500" },
        { "GET", "/tasks?after=zzz", null, 400, "is not a cursor" },
        { "GET", "/tasks?colour=red", null, 400, "Unknown query parameter(s) colour" },
        { "GET", "/tasks/has%20space", null, 400, null },
        { "GET", "/tasks/ghost-task", null, 404, null },
        { "POST", "/tasks/ghost-task/cancel", null, 404, null },
        { "POST", "/tasks/ghost-task/retry-revert", null, 404, null },
        { "GET", "/tasks/ghost-task/events", null, 404, null },
        { "DELETE", "/tasks", null, 405, null },
        { "GET", "/no/such/route", null, 404, null },
    };

    /// <summary>Bad command lines (in-process, against the shared node where a server is needed: "{server}").</summary>
    public static TheoryData<string[], string?> CliArguments => new()
    {
        { ["list", "--state", "Bogus", "--server", "{server}"], "--state 'Bogus' is not a task state; use one of Pending, Running, Succeeded, Suspended, Reverting, Reverted, RevertFailed" },
        { ["list", "--limit", "abc", "--server", "{server}"], "--limit must be a whole number from 1 to 500; it is 'abc'" },
        { ["list", "--limit", "0", "--server", "{server}"], "--limit must be a whole number from 1 to 500; it is '0'" },
        { ["list", "--all=maybe", "--server", "{server}"], "--all is a switch: give it alone (or --all=true / --all=false), not '--all=maybe'" },
        { ["run", "--allow-anonymous=maybe"], "--allow-anonymous is a switch: give it alone (or --allow-anonymous=true / --allow-anonymous=false), not '--allow-anonymous=maybe'" },
        { ["list", "--colour", "red"], "Unknown option 'colour'" },
        { ["submit", "steps", "--input", """{"count":"x"}""", "--server", "{server}"], "input.count must be a whole number; it is \"x\"" },
        { ["submit", "steps", "--input", """{"count":2,"colour":"red"}""", "--server", "{server}"], "input.colour is not a field of the input" },
        { ["submit", "steps", "--input", "not json", "--server", "{server}"], null },
        { ["submit", "steps", "--input", "@/no/such/input.json", "--server", "{server}"], null },
        { ["submit", "nope", "--input", "{}", "--server", "{server}"], "Known types: mkdir, steps" },
        { ["submit", "steps", "--input", """{"count":1}""", "--wait=perhaps", "--server", "{server}"], "--wait is a switch: give it alone (or --wait=true / --wait=false), not '--wait=perhaps'" },
        { ["status", "has space", "--server", "{server}"], null },
        { ["status", "ghost-task", "--server", "{server}"], "no task has id ghost-task" },
        { ["status"], null },
        { ["status", "t1", "--server", "not a url"], null },
        { ["cancel", "ghost-task", "--server", "{server}"], null },
        { ["retry-revert", "ghost-task", "--server", "{server}"], null },
        { ["resume", "ghost-task", "--server", "{server}"], null },
        { ["watch", "ghost-task", "--server", "{server}"], "no task has id ghost-task" },
        { ["frobnicate"], null },
    };

    [Theory]
    [MemberData(nameof(NodeSettings))]
    public void Node_BadSetting_IsRefusedInItsOwnTerms(string[] flags, string? variable, string expected)
    {
        var environment = new Dictionary<string, string>();
        if (variable is not null)
        {
            var (name, value) = Split(variable);
            environment[name] = value;
        }

        // Built, not started: the configuration is checked before anything binds a port or opens a file elsewhere.
        string[] args = [.. flags, .. flags.Contains("--sqlite") ? [] : new[] { "--sqlite", _temp.Combine("never.db") }];
        var refused = Assert.Throws<NodeConfigurationException>(() => PhaseFlowNode.Build(args, environment));

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        UserFacingText.AssertSpeaksPlainly($"the node's answer to {string.Join(' ', flags)} {variable}", refused.Message);
        Assert.False(File.Exists(_temp.Combine("never.db")), "a refused configuration opens no database");
    }

    [Theory]
    [MemberData(nameof(StartupErrors))]
    public async Task Node_BadSettingAtStartUp_IsOneLineOnStandardErrorAndExitCode2(string[] flags, string? variable, string expected)
    {
        var environment = new Dictionary<string, string>();
        if (variable is not null)
        {
            var (name, value) = Split(variable);
            environment[name] = value;
        }

        string[] defaults = ["--urls", "http://127.0.0.1:0", .. flags.Contains("--akka-port") || variable?.StartsWith("PHASEFLOW_AKKA_PORT", StringComparison.Ordinal) == true ? [] : new[] { "--akka-port", "0" }];
        var (exitCode, stdout, stderr) = await NodeProcess.RunToExitAsync(_temp.Path, environment, ["run", .. defaults, .. flags]);

        Assert.True(exitCode == 2, $"exit code {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.StartsWith(expected, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        UserFacingText.AssertSpeaksPlainly("the node's standard error", stderr);
        UserFacingText.AssertSpeaksPlainly("the node's standard output", stdout);
        Assert.DoesNotContain("not-to-be-shown", stdout + stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ApiRequests))]
    public async Task Api_BadRequest_IsAProblemInTheRequestsOwnTerms(string method, string path, string? body, int status, string? expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await Node.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(status == (int)response.StatusCode, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        if (expected is not null)
        {
            var problem = await ProblemResponse.ReadAsync(response, (HttpStatusCode)status);
            Assert.Contains(expected, problem.Detail, StringComparison.Ordinal);
        }

        UserFacingText.AssertSpeaksPlainly($"{method} {path}", text);
    }

    [Theory]
    [MemberData(nameof(CliArguments))]
    public async Task Cli_BadArguments_AreRefusedInTheirOwnTerms(string[] args, string? expected)
    {
        var server = Node.Http.BaseAddress!.ToString();
        var result = await CliRunner.RunAsync([.. args.Select(a => a == "{server}" ? server : a)]);

        Assert.NotEqual(0, result.ExitCode);
        if (expected is not null)
        {
            Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        }

        UserFacingText.AssertSpeaksPlainly($"phaseflow {string.Join(' ', args)} (standard error)", result.Error);
        UserFacingText.AssertSpeaksPlainly($"phaseflow {string.Join(' ', args)} (standard output)", result.Out);
    }

    [Fact]
    public async Task FailedTask_ApiAndCliShowKindsAndMessagesButNoStackTraces()
    {
        // A phase that fails and a revert that fails: every kind of error object, each with a stack trace in the journal.
        var id = $"words-{Guid.NewGuid():N}";
        await Node.SubmitAsync("steps", new { count = 2, failAtPhase = 1, revertFails = true }, id);
        await Node.WaitForStateAsync(id, TaskLifecycleState.RevertFailed);
        Assert.Contains(await Node.Journal.ReadTaskAsync(id), r => r.Json.Contains("\"stackTrace\":\"", StringComparison.Ordinal));

        var task = await Node.Http.GetStringAsync(PhaseFlowApi.Task(id));
        var events = await Node.Http.GetStringAsync(PhaseFlowApi.Events(id));
        var server = Node.Http.BaseAddress!.ToString();
        var status = await CliRunner.RunAsync("status", id, "--server", server);
        var watch = await CliRunner.RunAsync("watch", id, "--server", server);

        // An error's "type" is the exception type of the task's own code (the task author's to read); everything else speaks plainly.
        UserFacingText.AssertSpeaksPlainly("GET /tasks/{id} without error types", WithoutErrorTypes(task));
        foreach (var line in events.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)))
        {
            UserFacingText.AssertSpeaksPlainly("an event of GET /tasks/{id}/events without error types", WithoutErrorTypes(line["data: ".Length..]));
        }

        Assert.Contains("step-1 failed on purpose", status.Out, StringComparison.Ordinal);
        UserFacingText.AssertSpeaksPlainly("phaseflow status", status.Out + status.Error);
        Assert.Contains("step-1 failed on purpose", watch.Out, StringComparison.Ordinal);
        UserFacingText.AssertSpeaksPlainly("phaseflow watch", watch.Out + watch.Error);
    }

    public void Dispose() => _temp.Dispose();

    private static (string Name, string Value) Split(string variable)
    {
        var equals = variable.IndexOf('=', StringComparison.Ordinal);
        return (variable[..equals], variable[(equals + 1)..]);
    }

    /// <summary>The JSON with the <c>type</c> of every error object removed (and checked to be there).</summary>
    private static string WithoutErrorTypes(string json)
    {
        var root = JsonNode.Parse(json)!;
        Strip(root);
        return root.ToJsonString();

        static void Strip(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    if (obj.ContainsKey("message") && obj["type"] is JsonValue)
                    {
                        obj.Remove("type");
                    }

                    foreach (var (_, child) in obj.ToList())
                    {
                        Strip(child);
                    }

                    break;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        Strip(child);
                    }

                    break;
            }
        }
    }
}
