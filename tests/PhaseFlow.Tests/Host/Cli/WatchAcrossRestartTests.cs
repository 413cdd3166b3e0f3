using PhaseFlow.Contracts;
using PhaseFlow.Host.Cli;
using PhaseFlow.Tests.Fixtures;
using Spectre.Console.Testing;
using Xunit;

namespace PhaseFlow.Tests.Host.Cli;

/// <summary>
/// <c>watch</c> against a real node that is killed and started again 20 s later while it follows a task, with the
/// CLI's shipped reconnect settings: it says it is reconnecting, waits the outage out, reconnects with
/// <c>Last-Event-ID</c> (which the server sends only on the last change of each journal event) and shows every change
/// once, none twice and none missing.
/// </summary>
public sealed class WatchAcrossRestartTests : IAsyncLifetime
{
    private NodeProcess _node = null!;

    public async Task InitializeAsync() => _node = await NodeProcess.StartFreshAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Watch_NodeKilledAndRestartedTwentySecondsLater_RidesItOutWithoutRepeatingOrMissingAChange()
    {
        const int count = 6;
        await _node.SubmitAsync("steps", new { count, delayMs = 700 }, "watched");
        using var output = new TestConsole().Width(250);
        using var error = new TestConsole().Width(250);
        var environment = new CliEnvironment
        {
            Out = output,
            Error = error,
            IsTerminal = false,
            GetVariable = _ => null,
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        // The restarted node listens on another port; watch keeps the relay's, which follows the node.
        await using var relay = LoopbackRelay.To(_node);
        var watch = PhaseFlowCli.RunAsync(["watch", "watched", "--server", relay.Url.ToString()], _ => Task.FromResult(0), environment, timeout.Token);

        await Eventually.HoldsAsync(
            () => _node.GetAsync("watched"),
            status => Assert.True(status!.Phases.Count(p => p.State == PhaseLifecycleState.Completed) >= 2, "fewer than 2 phases completed"));
        await _node.KillAsync();

        // The outage a user sees when a node restarts slowly; the old watch gave up after about 15 s of it.
        await Task.Delay(TimeSpan.FromSeconds(20));
        Assert.False(watch.IsCompleted, $"watch ended while the node was down: {error.Output}");
        Assert.StartsWith("reconnecting: the node stopped answering at ", error.Output, StringComparison.Ordinal);
        await _node.StartAsync();
        var exitCode = await watch.WaitAsync(timeout.Token);

        var lines = output.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(CliExitCode.Success, exitCode);
        var completions = lines.Where(l => l.EndsWith("Completed", StringComparison.Ordinal)).ToList();
        Assert.Equal([.. Enumerable.Range(0, count).Select(i => $"phase {i + 1}/{count} step-{i} Completed")], completions);
        Assert.Single(lines, l => l == "state Succeeded");
        Assert.Equal(lines.Length, lines.Distinct().Count());
        var notices = error.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, notices.Length);
        Assert.Matches(@"^reconnected after (2\d|[3-9]\d)s$|^reconnected after \dm\d\ds$", notices[1]);
    }
}
