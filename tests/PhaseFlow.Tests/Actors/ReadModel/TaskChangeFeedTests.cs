using Microsoft.Extensions.Time.Testing;
using PhaseFlow.Actors.ReadModel;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Contracts.Http;
using Xunit;

namespace PhaseFlow.Tests.Actors.ReadModel;

/// <summary>
/// The event-stream feed reads the journal once, then again only when a notice says there is something newer, or when
/// the safety re-read is due (a notice may be lost). The clock here never moves unless a test moves it.
/// </summary>
public sealed class TaskChangeFeedTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly FakeTimeProvider _time = new(T0);
    private readonly FakeJournal _journal = new();
    private readonly TaskChangeNotices _notices = new();

    [Fact]
    public async Task FollowAsync_NoticeOfANewerEvent_ReadsAtOnceWithoutTheSafetyReread()
    {
        var feed = new TaskChangeFeed(_journal, _notices, new TaskChangeFeedSettings(TimeSpan.FromHours(1)), _time);
        _journal.Append(new TaskAccepted("t-1", "steps", "{}", "steps@1", T0));
        await using var changes = feed.FollowAsync("t-1", 0, CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await changes.MoveNextAsync());
        Assert.Equal(TaskLifecycleState.Pending, changes.Current.Single().State);

        var next = changes.MoveNextAsync().AsTask();
        // Neither another task's notice nor one about what the feed has already read is a reason to read.
        _notices.Announce(new TaskEventsStored("t-2", 5));
        _notices.Announce(new TaskEventsStored("t-1", 1));
        _journal.Append(new PhaseStarted("t-1", 0, "step-0", 1, T0));
        _notices.Announce(new TaskEventsStored("t-1", 2));

        // The clock stands still an hour short of the safety re-read: only the notice can have woken the feed.
        Assert.True(await next.WaitAsync(Patience));
        Assert.Equal(["phase step-0 Running", "state Running"], changes.Current.Select(Describe));
        Assert.Equal(2, changes.Current[0].Sequence);
        Assert.Equal(2, _journal.Reads);
    }

    [Fact]
    public async Task FollowAsync_NoticeLost_TheSafetyRereadFindsTheEvent()
    {
        var safety = TimeSpan.FromSeconds(5);
        var feed = new TaskChangeFeed(_journal, _notices, new TaskChangeFeedSettings(safety), _time);
        _journal.Append(new TaskAccepted("t-1", "steps", "{}", "steps@1", T0));
        await using var changes = feed.FollowAsync("t-1", 0, CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await changes.MoveNextAsync());

        var next = changes.MoveNextAsync().AsTask();
        _journal.Append(new PhaseStarted("t-1", 0, "step-0", 1, T0));
        _journal.Append(new TaskSucceeded("t-1", T0));

        // No notice at all: each step of the clock by the safety interval lets a waiting feed read again.
        await AwaitAsync(() =>
        {
            _time.Advance(safety);
            return next.IsCompleted;
        });
        Assert.True(await next);
        Assert.Equal(["phase step-0 Running", "state Running"], changes.Current.Select(Describe));
        Assert.True(await changes.MoveNextAsync());
        Assert.Equal(["state Succeeded"], changes.Current.Select(Describe));
        Assert.False(await changes.MoveNextAsync());
    }

    [Fact]
    public async Task FollowAsync_ResumingAfterASequence_SkipsWhatWasSeenAndEndsWithTheTask()
    {
        var feed = new TaskChangeFeed(_journal, _notices, new TaskChangeFeedSettings(TimeSpan.FromHours(1)), _time);
        _journal.Append(new TaskAccepted("t-1", "steps", "{}", "steps@1", T0));
        _journal.Append(new PhaseStarted("t-1", 0, "step-0", 1, T0));
        _journal.Append(new PhaseCompleted("t-1", 0, "step-0", "{}", T0));
        _journal.Append(new TaskSucceeded("t-1", T0));

        var lists = new List<IReadOnlyList<TaskChange>>();
        using var patience = new CancellationTokenSource(Patience);
        await foreach (var list in feed.FollowAsync("t-1", 2, patience.Token))
        {
            lists.Add(list);
        }

        // The completion names its phase although the start that named it was skipped.
        Assert.Equal(["phase step-0 Completed", "state Succeeded"], lists.SelectMany(l => l).Select(Describe));
        Assert.Equal(1, _journal.Reads);
    }

    [Fact]
    public async Task FollowAsync_StreamClosed_StopsListeningForItsTask()
    {
        var feed = new TaskChangeFeed(_journal, _notices, new TaskChangeFeedSettings(TimeSpan.FromHours(1)), _time);
        _journal.Append(new TaskAccepted("t-1", "steps", "{}", "steps@1", T0));
        using var close = new CancellationTokenSource();
        var changes = feed.FollowAsync("t-1", 0, close.Token).GetAsyncEnumerator(close.Token);
        Assert.True(await changes.MoveNextAsync());
        var next = changes.MoveNextAsync().AsTask();

        await close.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(Patience));
        await changes.DisposeAsync();
        Assert.Equal(0, _notices.WatchedTasks);
    }

    private static string Describe(TaskChange change) =>
        change.Kind == TaskChangeKinds.State ? $"state {change.State}" : $"phase {change.PhaseName} {change.PhaseState}";

    private static async Task AwaitAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    /// <summary>One task's journal in memory, counting how often it is read.</summary>
    private sealed class FakeJournal : ITaskEventReader
    {
        private readonly List<ITaskEvent> _events = [];
        private readonly Lock _lock = new();
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public void Append(ITaskEvent @event)
        {
            lock (_lock)
            {
                _events.Add(@event);
            }
        }

        public Task<IReadOnlyList<(long SequenceNr, ITaskEvent? Event)>> ReadAsync(string taskId, long fromSequence, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            lock (_lock)
            {
                IReadOnlyList<(long, ITaskEvent?)> read = [.. _events.Select((e, i) => ((long)i + 1, (ITaskEvent?)e)).Where(e => e.Item1 >= fromSequence)];
                return Task.FromResult(read);
            }
        }
    }
}
