using PhaseFlow.Actors.Tasks;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Actors.Tasks;

/// <summary>When a waiting task leaves memory: a wait at least as long as the node's SleepAfter, and only then.</summary>
public sealed class TaskDeciderSleepTests
{
    private static readonly TaskError Boom = TaskError.Of("System.InvalidOperationException", "boom");

    [Theory]
    [InlineData(10, 10, true)]
    [InlineData(60, 10, true)]
    [InlineData(9, 10, false)]
    public void AttemptFailed_RetryDueLater_SleepsOnlyWhenTheWaitReachesSleepAfter(int retrySeconds, int sleepAfterSeconds, bool sleeps)
    {
        var rules = new TaskRules(MaxInterruptedRuns: 3, SleepAfter: TimeSpan.FromSeconds(sleepAfterSeconds));
        var decider = new DeciderHarness(new FakePlan(1, RetryPolicy.Exponential(3, TimeSpan.FromSeconds(retrySeconds))), rules);
        var run = decider.Submit();

        decider.Send(new TaskSignal.AttemptFinished(run, new AttemptOutcome.Failed(Boom, RetryWanted: true)));

        var due = decider.Event<PhaseAttemptFailed>().RetryAt!.Value;
        Assert.Equal(new TaskEffect.ScheduleRetry(0, due), decider.Effects<TaskEffect.ScheduleRetry>().Single());
        Assert.Equal(sleeps ? [new TaskEffect.Sleep(due)] : [], decider.Effects<TaskEffect.Sleep>());
    }

    [Fact]
    public void AttemptFailed_NodeWithoutWakeUps_NeverSleeps()
    {
        var decider = new DeciderHarness(new FakePlan(1, RetryPolicy.Exponential(3, TimeSpan.FromHours(1))), new TaskRules(MaxInterruptedRuns: 3));
        var run = decider.Submit();

        decider.Send(new TaskSignal.AttemptFinished(run, new AttemptOutcome.Failed(Boom, RetryWanted: true)));

        Assert.Single(decider.Effects<TaskEffect.ScheduleRetry>());
        Assert.Empty(decider.Effects<TaskEffect.Sleep>());
    }

    [Fact]
    public void Recovered_WokenJustBeforeItsRetryIsDue_StaysInMemoryUntilTheRetryRuns()
    {
        var rules = new TaskRules(MaxInterruptedRuns: 3, SleepAfter: TimeSpan.FromSeconds(10));
        var decider = new DeciderHarness(new FakePlan(1, RetryPolicy.Exponential(3, TimeSpan.FromMinutes(5))), rules);
        var run = decider.Submit();
        decider.Send(new TaskSignal.AttemptFinished(run, new AttemptOutcome.Failed(Boom, RetryWanted: true)));
        var due = decider.Event<PhaseAttemptFailed>().RetryAt!.Value;
        Assert.Single(decider.Effects<TaskEffect.Sleep>());

        // The waker wakes a task up to a poll interval early: it recovers, keeps a timer and does not leave again.
        var next = decider.NextLife(decider.Plan, rules);
        next.Now = due.AddSeconds(-1);
        next.Send(new TaskSignal.Recovered(null, EarlierRun: false));
        Assert.Equal(new TaskEffect.ScheduleRetry(0, due), next.Effects<TaskEffect.ScheduleRetry>().Single());
        Assert.Empty(next.Effects<TaskEffect.Sleep>());

        next.Now = due;
        next.Send(new TaskSignal.RetryDue(0));
        Assert.Equal(2, next.Event<PhaseStarted>().Attempt);
    }

    [Fact]
    public void Recovered_WokenLongBeforeItsRetryIsDue_SleepsAgainUntilTheSameTime()
    {
        var rules = new TaskRules(MaxInterruptedRuns: 3, SleepAfter: TimeSpan.FromSeconds(10));
        var decider = new DeciderHarness(new FakePlan(1, RetryPolicy.Exponential(3, TimeSpan.FromMinutes(5))), rules);
        var run = decider.Submit();
        decider.Send(new TaskSignal.AttemptFinished(run, new AttemptOutcome.Failed(Boom, RetryWanted: true)));
        var due = decider.Event<PhaseAttemptFailed>().RetryAt!.Value;

        // A status query or a restart brings it back early: it stores nothing and goes back to sleep for the same due time.
        var next = decider.NextLife(decider.Plan, rules);
        next.Now = due.AddMinutes(-4);
        next.Send(new TaskSignal.Recovered(null, EarlierRun: false));
        Assert.Empty(next.Last.Events);
        Assert.Equal([new TaskEffect.Sleep(due)], next.Effects<TaskEffect.Sleep>());
    }
}
