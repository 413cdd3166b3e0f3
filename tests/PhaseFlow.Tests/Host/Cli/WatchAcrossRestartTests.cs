using PhaseFlow.Contracts;
using PhaseFlow.Host.Cli;
using PhaseFlow.Tests.Fixtures;
using Spectre.Console.Testing;
using Xunit;

namespace PhaseFlow.Tests.Host.Cli;

/// <summary>
/// <c>watch</c> against a real node that is killed and started again while it follows a task: it reconnects with
/// <c>Last-Event-ID</c> (which the server sends only on the last change of each journal event) and shows every change
/// once, none twice and none missing.
/// </summary>
public sealed class WatchAcrossRestartTests : IAsyncLifetime
{
    private NodeProcess _node = null!;

    public async Task InitializeAsync() => _node = await NodeProcess.StartFreshAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Watch_NodeKilledAndRestartedMidTask_ResumesWithoutRepeatingOrMissingAChange()
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

            // Long enough for the node to come back on a loaded machine.
            ReconnectDelays = [.. Enumerable.Repeat(TimeSpan.FromSeconds(1), 60)],
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var watch = PhaseFlowCli.RunAsync(["watch", "watched", "--server", _node.Http.BaseAddress!.ToString()], _ => Task.FromResult(0), environment, timeout.Token);

        await WaitForCompletedPhasesAsync(2);
        await _node.KillAsync();
        await _node.StartAsync();
        var exitCode = await watch.WaitAsync(timeout.Token);

        var lines = output.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(CliExitCode.Success, exitCode);
        var completions = lines.Where(l => l.EndsWith("Completed", StringComparison.Ordinal)).ToList();
        Assert.Equal([.. Enumerable.Range(0, count).Select(i => $"phase {i + 1}/{count} step-{i} Completed")], completions);
        Assert.Single(lines, l => l == "state Succeeded");
        Assert.Equal(lines.Length, lines.Distinct().Count());
    }

    private async Task WaitForCompletedPhasesAsync(int completed)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await _node.GetAsync("watched"))!.Phases.Count(p => p.State == PhaseLifecycleState.Completed) < completed)
        {
            await Task.Delay(50, patience.Token);
        }
    }
}
