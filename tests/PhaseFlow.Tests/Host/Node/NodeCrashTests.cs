using PhaseFlow.Contracts;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Host.Node;

/// <summary>
/// Real process crashes: SIGKILL of the node while a <c>steps</c> task runs, then a restart on the same data. The
/// task must finish by itself, every completed phase must have run once, and the journal must hold it once.
/// </summary>
public sealed class NodeCrashTests : IAsyncLifetime
{
    private NodeProcess _node = null!;

    public async Task InitializeAsync() => _node = await NodeProcess.StartFreshAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task After_kill_9_and_a_restart_the_task_finishes_and_each_completed_phase_ran_once(int linesBeforeKill)
    {
        const int count = 8;
        var journal = Path.Combine(_node.Folder, "steps.journal");
        await _node.SubmitAsync("steps", new { count, delayMs = 200, journal }, "crash-me");
        await StepsJournal.WaitForLinesAsync(journal, linesBeforeKill);

        await _node.KillAsync();
        var journalAtKill = await _node.Journal.ReadTaskAsync("crash-me");
        await _node.StartAsync();
        var status = await _node.WaitForStateAsync("crash-me", TaskLifecycleState.Succeeded, TimeSpan.FromSeconds(60));

        Assert.All(status.Phases, p => Assert.Equal(PhaseLifecycleState.Completed, p.State));

        // The phase in flight at the kill may have appended its line and died before its completion was stored.
        StepsJournal.AssertRanOnce("crash-me", File.ReadAllLines(journal), count, journalAtKill);
        Assert.Equal(Enumerable.Range(0, count), (await _node.Journal.ReadTaskAsync("crash-me")).IndexesOf("E-PC"));
    }

    [Fact]
    public async Task SIGTERM_stops_the_node_cleanly_and_the_task_continues_after_a_restart()
    {
        var journal = Path.Combine(_node.Folder, "term.journal");
        await _node.SubmitAsync("steps", new { count = 6, delayMs = 200, journal }, "term-me");
        await StepsJournal.WaitForLinesAsync(journal, 2);

        var exitCode = await _node.TerminateAsync();

        Assert.Equal(0, exitCode);
        await _node.StartAsync();
        await _node.WaitForStateAsync("term-me", TaskLifecycleState.Succeeded, TimeSpan.FromSeconds(60));
        var runs = File.ReadAllLines(journal);
        Assert.Equal(Enumerable.Range(0, 6), runs.Select(l => int.Parse(l["run ".Length..], System.Globalization.CultureInfo.InvariantCulture)).Distinct());
        Assert.True(runs.Length <= 7, $"at most the interrupted phase runs twice: {string.Join(", ", runs)}");
        Assert.Equal(Enumerable.Range(0, 6), (await _node.Journal.ReadTaskAsync("term-me")).IndexesOf("E-PC"));
    }
}
