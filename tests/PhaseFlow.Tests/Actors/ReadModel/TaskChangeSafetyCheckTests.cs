using Akka.Persistence.Sql.Query;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PhaseFlow.Actors.ReadModel;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Actors.ReadModel;

/// <summary>
/// The node's safety check stands in for lost notices: one query for every task with an open stream, and only the
/// streams whose task has moved on read its events again.
/// </summary>
public sealed class TaskChangeSafetyCheckTests(ITestOutputHelper output) : PhaseFlowTestKit(output)
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeTaskJournal _journal = new();
    private readonly TaskChangeNotices _notices = new();

    [Fact]
    public async Task CheckAsync_TaskMovedOnWithoutANotice_OnlyThatTasksStreamReadsAgain()
    {
        var feed = new TaskChangeFeed(_journal, _notices);
        var check = new TaskChangeSafetyCheck(_notices, _journal, TimeSpan.FromHours(1), TimeProvider.System, NullLogger.Instance);
        _journal.Append("moved", new TaskAccepted("moved", "steps", "{}", "steps@1", T0));
        _journal.Append("still", new TaskAccepted("still", "steps", "{}", "steps@1", T0));
        using var close = new CancellationTokenSource();
        await using var moved = feed.FollowAsync("moved", 0, CancellationToken.None).GetAsyncEnumerator();
        var still = feed.FollowAsync("still", 0, close.Token).GetAsyncEnumerator(close.Token);
        Assert.True(await moved.MoveNextAsync());
        Assert.True(await still.MoveNextAsync());
        var movedNext = moved.MoveNextAsync().AsTask();
        var stillNext = still.MoveNextAsync().AsTask();

        // The write's notice is lost: nothing announces it.
        _journal.Append("moved", new PhaseStarted("moved", 0, "step-0", 1, T0));
        Assert.Equal(2, await check.CheckAsync(CancellationToken.None));

        Assert.True(await movedNext.WaitAsync(Patience));
        Assert.Equal(["phase step-0 Running", "state Running"], moved.Current.Select(TaskChangeFeedTests.Describe));
        Assert.Equal(2, _journal.ReadsOf("moved"));

        // The task that did not move was checked in the same query and not read again.
        Assert.Equal(1, _journal.HeadReads);
        Assert.Equal(1, _journal.ReadsOf("still"));
        Assert.False(stillNext.IsCompleted);
        await close.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stillNext.WaitAsync(Patience));
        await still.DisposeAsync();
    }

    [Fact]
    public async Task CheckAsync_NoStreamOpen_QueriesNothing()
    {
        var check = new TaskChangeSafetyCheck(_notices, _journal, TimeSpan.FromHours(1), TimeProvider.System, NullLogger.Instance);
        _journal.Append("t-1", new TaskAccepted("t-1", "steps", "{}", "steps@1", T0));

        Assert.Equal(0, await check.CheckAsync(CancellationToken.None));
        Assert.Equal(0, _journal.HeadReads);
    }

    [Fact]
    public async Task Running_NoticeLost_TheStreamGetsTheChangeWhenTheIntervalHasPassed()
    {
        var time = new FakeTimeProvider(T0);
        var interval = TimeSpan.FromSeconds(5);
        using var check = new TaskChangeSafetyCheck(_notices, _journal, interval, time, NullLogger.Instance);
        await check.StartAsync(CancellationToken.None);
        var feed = new TaskChangeFeed(_journal, _notices);
        _journal.Append("t-1", new TaskAccepted("t-1", "steps", "{}", "steps@1", T0));
        await using var changes = feed.FollowAsync("t-1", 0, CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await changes.MoveNextAsync());
        var next = changes.MoveNextAsync().AsTask();

        _journal.Append("t-1", new PhaseStarted("t-1", 0, "step-0", 1, T0));
        _journal.Append("t-1", new TaskSucceeded("t-1", T0));

        // No notice at all; the clock stands still until moved, so only the check's next round can wake the stream.
        await AwaitAssertAsync(
            () =>
            {
                time.Advance(interval);
                Assert.True(next.IsCompleted);
            },
            Patience,
            TimeSpan.FromMilliseconds(20));
        Assert.True(await next);
        Assert.Equal(["phase step-0 Running", "state Running"], changes.Current.Select(TaskChangeFeedTests.Describe));
        Assert.True(await changes.MoveNextAsync());
        Assert.Equal(["state Succeeded"], changes.Current.Select(TaskChangeFeedTests.Describe));
        Assert.False(await changes.MoveNextAsync());
        await check.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Running_OnARealJournalWithEveryNoticeDropped_TheStreamGetsEveryChange()
    {
        // A node without a relay: the task actor publishes its notices, and nothing carries them to the stream.
        await using var node = TaskNode.Start(Database);
        var notices = new TaskChangeNotices();
        var feed = new TaskChangeFeed(new JournalTaskEventReader(node.System, SqlReadJournal.Identifier), notices);
        using var check = new TaskChangeSafetyCheck(notices, Database.Storage.CreateTaskJournalHeads(), TimeSpan.FromMilliseconds(200), TimeProvider.System, NullLogger.Instance);
        await check.StartAsync(CancellationToken.None);
        var script = new Script(Runs, phases: 2);
        var gate = script.Close(GatePoint.BeforeEffect, 1);
        await node.Submit("dropped", ScriptedTask.Name, script.InputJson);
        await gate.Reached.WaitAsync(Patience);

        using var patience = new CancellationTokenSource(Patience);
        await using var changes = feed.FollowAsync("dropped", 0, patience.Token).GetAsyncEnumerator(patience.Token);
        var seen = new List<string>();
        while (!seen.Contains("phase phase-1 Running"))
        {
            Assert.True(await changes.MoveNextAsync());
            seen.AddRange(changes.Current.Select(TaskChangeFeedTests.Describe));
        }

        // What the task writes after the stream has read everything reaches it only through the check.
        gate.Release();
        while (await changes.MoveNextAsync())
        {
            seen.AddRange(changes.Current.Select(TaskChangeFeedTests.Describe));
        }

        Assert.Equal(
            ["state Pending", "phase phase-0 Running", "state Running", "phase phase-0 Completed", "phase phase-1 Running", "phase phase-1 Completed", "state Succeeded"],
            seen);
        await check.StopAsync(CancellationToken.None);
    }
}
