using System.Net;
using System.Text;
using System.Text.Json;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Tests.Fixtures;
using PhaseFlow.Tests.Host.Api;
using Xunit;

namespace PhaseFlow.Tests.Host.Node;

/// <summary>
/// Waiting phases against a real node process: a durable delay and a signal wait survive a SIGKILL of the node and a
/// restart; signals go over HTTP and through the CLI, with the API's answers for what is wrong.
/// </summary>
public sealed class NodeWaitingPhaseTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private NodeProcess _node = null!;

    public async Task InitializeAsync() => _node = await NodeProcess.StartFreshAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task A_delay_runs_across_a_kill_9_and_ends_at_its_recorded_time_after_the_restart()
    {
        var journal = Path.Combine(_node.Folder, "delay.journal");
        await _node.SubmitAsync("steps", new { count = 1, waitMs = 6000, journal }, "delayed");
        var waiting = await _node.WaitForTaskAsync("delayed", s => Assert.Equal(PhaseWaitKind.Delay, s.Phases.ElementAtOrDefault(1)?.Waiting?.Kind), Patience);
        var until = waiting.Phases[1].Waiting!.Until!.Value;

        await _node.KillAsync();
        await _node.StartAsync();
        var done = await _node.WaitForStateAsync("delayed", TaskLifecycleState.Succeeded, Patience);

        Assert.Equal(["step-0", "wait"], done.Phases.Select(p => p.Name));
        Assert.True(done.Phases[1].CompletedAt >= until, $"the delay ended at {done.Phases[1].CompletedAt:O}, before {until:O}");
        Assert.Equal(["run 0"], File.ReadAllLines(journal));
        var rows = await _node.Journal.ReadTaskAsync("delayed");
        Assert.Equal([0, 1], rows.IndexesOf("E-PC"));
        Assert.Equal([0, 1], rows.IndexesOf("E-PS"));
    }

    [Fact]
    public async Task A_signal_sent_after_the_node_died_and_came_back_completes_the_wait_with_its_payload_once()
    {
        await _node.SubmitAsync("steps", new { count = 1, waitForSignal = "go" }, "waiter");
        await _node.WaitForTaskAsync("waiter", s => Assert.Equal(new PhaseWaitRecord(PhaseWaitKind.Signal, "go", null), s.Phases.ElementAtOrDefault(1)?.Waiting), Patience);

        await _node.KillAsync();
        await _node.StartAsync();

        // A signal nobody waits for, for a task that does not exist, with a bad name or payload: each gets its answer.
        var notAwaited = await ProblemResponse.ReadAsync(await PostSignalAsync("waiter", "stop", null), HttpStatusCode.Conflict);
        Assert.Equal("Task 'waiter' does not wait for signal 'stop' (it waits for signal 'go'), and its type does not declare that signal, so it would never be used.", notAwaited.Detail);
        await ProblemResponse.ReadAsync(await PostSignalAsync("nobody", "go", null), HttpStatusCode.NotFound);
        var badName = await ProblemResponse.ReadAsync(await PostSignalAsync("waiter", "g o", null), HttpStatusCode.BadRequest);
        Assert.Equal("The signal name 'g o' is not allowed: use 1 to 100 characters of letters, digits, '.', '_' and '-'.", badName.Detail);
        var badJson = await ProblemResponse.ReadAsync(await PostSignalAsync("waiter", "go", "{nope"), HttpStatusCode.BadRequest);
        Assert.StartsWith("The body is not valid JSON:", badJson.Detail, StringComparison.Ordinal);

        var cli = await NodeProcess.RunToExitAsync(_node.Folder, "signal", "waiter", "go", "--payload", "{\"approved\":true}", "--signal-id", "s-1", "--server", _node.Http.BaseAddress!.ToString());
        Assert.True(cli.ExitCode == 0, $"phaseflow signal exited {cli.ExitCode}: {cli.StdErr}");
        Assert.StartsWith("waiter signal 'go' accepted", cli.StdOut, StringComparison.Ordinal);
        var done = await _node.WaitForStateAsync("waiter", TaskLifecycleState.Succeeded, Patience);
        Assert.Equal("{\"approved\":true}", done.Phases[1].Output!.Value.GetRawText());

        // The sender's retry with the same id is accepted and changes nothing, even though the task has finished.
        using (var again = await PostSignalAsync("waiter", "go", "{\"approved\":false}", "s-1"))
        {
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        }

        var rows = await _node.Journal.ReadTaskAsync("waiter");
        Assert.Single(rows, r => r.Manifest == "E-SR");
        Assert.Equal([0, 1], rows.IndexesOf("E-PC"));
    }

    private Task<HttpResponseMessage> PostSignalAsync(string id, string name, string? payload, string? signalId = null) =>
        _node.Http.PostAsync(PhaseFlowApi.Signal(id, name, signalId), payload is null ? null : new StringContent(payload, Encoding.UTF8, "application/json"));
}
