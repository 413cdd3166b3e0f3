using PhaseFlow.Actors.ReadModel;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Actors.ReadModel;

/// <summary>
/// The event-stream feed reads the journal once, then again only when a notice says there is something newer (from a
/// task actor, or from the node's safety check, see <see cref="TaskChangeSafetyCheckTests"/>). It has no timer of its own.
/// </summary>
public sealed class TaskChangeFeedTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly FakeTaskJournal _journal = new();
    private readonly TaskChangeNotices _notices = new();

    [Fact]
    public async Task FollowAsync_NoticeOfANewerEvent_ReadsAtOnce()
    {
        var feed = new TaskChangeFeed(_journal, _notices);
        _journal.Append("t-1", new TaskAccepted("t-1", "steps", "{}", "steps@1", T0));
        await using var changes = feed.FollowAsync("t-1", 0, CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await changes.MoveNextAsync());
        Assert.Equal(TaskLifecycleState.Pending, changes.Current.Single().State);

        var next = changes.MoveNextAsync().AsTask();
        // Neither another task's notice nor one about what the feed has already read is a reason to read.
        _notices.Announce(new TaskEventsStored("t-2", 5));
        _notices.Announce(new TaskEventsStored("t-1", 1));
        _journal.Append("t-1", new PhaseStarted("t-1", 0, "step-0", 1, T0));
        _notices.Announce(new TaskEventsStored("t-1", 2));

        Assert.True(await next.WaitAsync(Patience));
        Assert.Equal(["phase step-0 Running", "state Running"], changes.Current.Select(Describe));
        Assert.Equal(2, changes.Current[0].Sequence);
        Assert.Equal(2, _journal.ReadsOf("t-1"));
    }

    [Fact]
    public async Task FollowAsync_ResumingAfterASequence_SkipsWhatWasSeenAndEndsWithTheTask()
    {
        var feed = new TaskChangeFeed(_journal, _notices);
        _journal.Append("t-1", new TaskAccepted("t-1", "steps", "{}", "steps@1", T0));
        _journal.Append("t-1", new PhaseStarted("t-1", 0, "step-0", 1, T0));
        _journal.Append("t-1", new PhaseCompleted("t-1", 0, "step-0", "{}", T0));
        _journal.Append("t-1", new TaskSucceeded("t-1", T0));

        var lists = new List<IReadOnlyList<TaskChange>>();
        using var patience = new CancellationTokenSource(Patience);
        await foreach (var list in feed.FollowAsync("t-1", 2, patience.Token))
        {
            lists.Add(list);
        }

        // The completion names its phase although the start that named it was skipped.
        Assert.Equal(["phase step-0 Completed", "state Succeeded"], lists.SelectMany(l => l).Select(Describe));
        Assert.Equal(1, _journal.ReadsOf("t-1"));
    }

    [Fact]
    public async Task FollowAsync_StreamClosed_StopsListeningForItsTask()
    {
        var feed = new TaskChangeFeed(_journal, _notices);
        _journal.Append("t-1", new TaskAccepted("t-1", "steps", "{}", "steps@1", T0));
        using var close = new CancellationTokenSource();
        var changes = feed.FollowAsync("t-1", 0, close.Token).GetAsyncEnumerator(close.Token);
        Assert.True(await changes.MoveNextAsync());
        var next = changes.MoveNextAsync().AsTask();

        await close.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(Patience));
        await changes.DisposeAsync();
        Assert.Equal(0, _notices.WatchedTasks);
    }

    internal static string Describe(TaskChange change) =>
        change.Kind == TaskChangeKinds.State ? $"state {change.State}" : $"phase {change.PhaseName} {change.PhaseState}";
}
