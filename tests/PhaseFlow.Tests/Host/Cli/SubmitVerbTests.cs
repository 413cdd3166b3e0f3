using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using static PhaseFlow.Tests.Fixtures.WireSamples;

namespace PhaseFlow.Tests.Host.Cli;

public sealed class SubmitVerbTests : IDisposable
{
    private readonly TempFolder folder = new("cli");

    public void Dispose() => folder.Dispose();

    private static Task<FakePhaseFlowServer> AcceptingServerAsync() =>
        FakePhaseFlowServer.StartAsync(app =>
            app.MapPost("/tasks", () => FakePhaseFlowServer.Json(new TaskCommandResponse("t7", TaskLifecycleState.Pending), 202)));

    [Fact]
    public async Task Submit_InputFromFile_PostsTheFileAndPrintsIdAndState()
    {
        var file = folder.Combine("input.json");
        await File.WriteAllTextAsync(file, """{ "path": "/tmp/from-file" }""");
        await using var server = await AcceptingServerAsync();

        var result = await CliRunner.RunAsync("submit", "mkdir", "--input", "@" + file, "--id", "t7", "--server", server.Url.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["t7 submitted (Pending)"], result.OutLines);
        Assert.Equal("""{"type":"mkdir","input":{"path":"/tmp/from-file"},"id":"t7"}""", Assert.Single(server.Requests).Body);
    }

    [Fact]
    public async Task Submit_SameTaskAgain_SaysItAlreadyExists()
    {
        await using var server = await FakePhaseFlowServer.StartAsync(app =>
            app.MapPost("/tasks", () => FakePhaseFlowServer.Json(Task("t7", TaskLifecycleState.Running, 2))));

        var result = await CliRunner.RunAsync("submit", "mkdir", "-i", """{"path":"/tmp/a"}""", "--id", "t7", "--server", server.Url.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["t7 already exists (Running)"], result.OutLines);
    }

    [Fact]
    public async Task Submit_MissingFile_FailsBeforeAnyRequest()
    {
        await using var server = await AcceptingServerAsync();
        var missing = folder.Combine("nope.json");

        var result = await CliRunner.RunAsync("submit", "mkdir", "--input", "@" + missing, "--server", server.Url.ToString());

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: the input file '{missing}' does not exist", result.Error.TrimEnd());
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("{\"path\":")]
    [InlineData("[1,2]")]
    public async Task Submit_InvalidJsonInline_FailsBeforeAnyRequest(string input)
    {
        await using var server = await AcceptingServerAsync();

        var result = await CliRunner.RunAsync("submit", "mkdir", "--input", input, "--server", server.Url.ToString());

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: --input ", result.Error, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Submit_InvalidJsonInFile_FailsBeforeAnyRequest()
    {
        var file = folder.Combine("bad.json");
        await File.WriteAllTextAsync(file, "{ path: /tmp }");
        await using var server = await AcceptingServerAsync();

        var result = await CliRunner.RunAsync("submit", "mkdir", "--input", "@" + file, "--server", server.Url.ToString());

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error: the input file '{file}' is not valid JSON", result.Error, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Submit_RejectedInput_PrintsTheServersDetail()
    {
        await using var server = await FakePhaseFlowServer.StartAsync(app =>
            app.MapPost("/tasks", () => FakePhaseFlowServer.Problem(400, "Bad Request", "path must be absolute")));

        var result = await CliRunner.RunAsync("submit", "mkdir", "--input", """{"path":"a"}""", "--server", server.Url.ToString());

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: path must be absolute", result.Error.TrimEnd());
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task Submit_ServerFromEnvironmentVariable_IsUsedWithoutFlag()
    {
        await using var server = await AcceptingServerAsync();

        var result = await CliRunner.RunAsync(
            ["submit", "mkdir", "--input", """{"path":"/a"}"""],
            variables: new Dictionary<string, string> { ["PHASEFLOW_SERVER"] = server.Url.ToString() });

        Assert.Equal(0, result.ExitCode);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(TaskLifecycleState.Succeeded, 0)]
    [InlineData(TaskLifecycleState.Reverted, 2)]
    public async Task Submit_Wait_WatchesToTheEndAndExitsLikeWatch(TaskLifecycleState end, int exitCode)
    {
        await using var server = await FakePhaseFlowServer.StartAsync(app =>
        {
            app.MapPost("/tasks", () => FakePhaseFlowServer.Json(new TaskCommandResponse("t7", TaskLifecycleState.Pending), 202));
            app.MapGet("/tasks/{id}", () => FakePhaseFlowServer.Json(Task("t7", TaskLifecycleState.Pending, 1)));
            app.MapGet("/tasks/{id}/events", (HttpContext context) => FakePhaseFlowServer.WriteEventsAsync(
                context,
                FakePhaseFlowServer.Event(StateChange(1, TaskLifecycleState.Running, 1)) +
                FakePhaseFlowServer.Event(StateChange(2, end, 2))));
        });

        var result = await CliRunner.RunAsync("submit", "mkdir", "--input", """{"path":"/a"}""", "--wait", "--server", server.Url.ToString());

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal(["t7 submitted (Pending)", "task t7 type mkdir state Pending", "state Running", $"state {end}"], result.OutLines);
    }
}
