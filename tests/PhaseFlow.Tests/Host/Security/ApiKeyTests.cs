using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Host.Cli;
using PhaseFlow.Tests.Fixtures;
using PhaseFlow.Tests.Host.Cli;
using Xunit;

namespace PhaseFlow.Tests.Host.Security;

/// <summary>A real node with a full key and a read key: who gets in, who gets 401 or 403, and what the CLI sends.</summary>
public sealed class ApiKeyTests : IAsyncLifetime
{
    private const string FullKey = "full-key-0123456789abcdef";
    private const string ReadKey = "read-key-0123456789abcdef";
    private NodeProcess _node = null!;

    public async Task InitializeAsync() => _node = await NodeProcess.StartFreshAsync("--api-key", FullKey, "--api-read-key", ReadKey);

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-a-key-of-this-node-at-all")]
    [InlineData("Bearer ")]
    [InlineData("Basic " + FullKey)]
    [InlineData(FullKey)]
    public async Task Request_WithoutAKnownKey_Is401WithABearerChallengeAndStoresNothing(string? authorization)
    {
        var list = await SendAsync(HttpMethod.Get, PhaseFlowApi.Tasks, authorization);
        var submit = await SendAsync(HttpMethod.Post, PhaseFlowApi.Tasks, authorization, Submission("refused"));
        var events = await SendAsync(HttpMethod.Get, PhaseFlowApi.Events("refused"), authorization);

        foreach (var response in new[] { list, submit, events })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer realm=\"phaseflow\"", response.Headers.WwwAuthenticate.ToString());
            Assert.Equal(PhaseFlowApi.ProblemContentType, response.Content.Headers.ContentType?.MediaType);
        }

        var detail = await list.Content.ReadAsStringAsync();
        Assert.Contains(
            authorization is { Length: > 7 } && authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? "The API key is not one of this node's keys." : "send the header 'Authorization: Bearer KEY'",
            detail,
            StringComparison.Ordinal);
        Assert.Empty(_node.Journal.Read("task-refused"));
    }

    [Fact]
    public async Task Health_NeedsNoKey()
    {
        using var response = await SendAsync(HttpMethod.Get, PhaseFlowApi.Health, authorization: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ReadKey_ReadsAndFollowsButCannotSubmitOrCommand()
    {
        using var submitted = await SendAsync(HttpMethod.Post, PhaseFlowApi.Tasks, "Bearer " + FullKey, Submission("by-full-key"));
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);

        var read = "Bearer " + ReadKey;
        using var list = await SendAsync(HttpMethod.Get, PhaseFlowApi.Tasks, read);
        using var task = await SendAsync(HttpMethod.Get, PhaseFlowApi.Task("by-full-key"), read);
        using var events = await SendAsync(HttpMethod.Get, PhaseFlowApi.Events("by-full-key"), read);
        using var submit = await SendAsync(HttpMethod.Post, PhaseFlowApi.Tasks, read, Submission("by-read-key"));
        using var cancel = await SendAsync(HttpMethod.Post, PhaseFlowApi.Cancel("by-full-key"), read);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], new[] { list.StatusCode, task.StatusCode, events.StatusCode });
        Assert.Equal(HttpStatusCode.Forbidden, submit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, cancel.StatusCode);
        Assert.Contains("This key may only read", await cancel.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_node.Journal.Read("task-by-read-key"));
        Assert.DoesNotContain(_node.Journal.Read("task-by-full-key"), e => e.Manifest == "E-CR");
    }

    [Fact]
    public async Task Cli_SendsTheKeyFromTheFlagOrTheVariable_AndSaysHowWhenItIsMissing()
    {
        var server = _node.Http.BaseAddress!.ToString();

        var byFlag = await CliRunner.RunAsync("submit", StepsTask, "--input", """{"count":1}""", "--id", "cli-flag", "--server", server, "--api-key", FullKey);
        var byVariable = await CliRunner.RunAsync(["status", "cli-flag", "--server", server], variables: new Dictionary<string, string> { [CliEnvironment.ApiKeyVariable] = ReadKey });
        var without = await CliRunner.RunAsync("status", "cli-flag", "--server", server);

        Assert.True(byFlag.ExitCode == 0, byFlag.Error);
        Assert.True(byVariable.ExitCode == 0, byVariable.Error);
        Assert.Contains("cli-flag", byVariable.Out, StringComparison.Ordinal);
        Assert.Equal(1, without.ExitCode);
        Assert.Contains("--api-key KEY or PHASEFLOW_API_KEY", without.Error.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_NeverAppearInTheNodesOutput()
    {
        using var wrong = await SendAsync(HttpMethod.Get, PhaseFlowApi.Tasks, "Bearer " + FullKey + "x");
        using var right = await SendAsync(HttpMethod.Get, PhaseFlowApi.Tasks, "Bearer " + FullKey);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.DoesNotContain(FullKey, _node.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(ReadKey, _node.Output, StringComparison.Ordinal);
    }

    private const string StepsTask = "steps";

    private static SubmitTaskRequest Submission(string id) => new(StepsTask, System.Text.Json.JsonSerializer.SerializeToElement(new { count = 1 }), id);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? authorization, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: NodeProcess.Json);
        }

        // Event streams stay open: the status line and headers are all a test needs.
        return await _node.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}
