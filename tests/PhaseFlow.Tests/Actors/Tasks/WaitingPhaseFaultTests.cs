using PhaseFlow.Actors.Tasks;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Actors.Tasks;

/// <summary>Waiting phases when the task type's own code misbehaves, and waits across an abort of the actor system.</summary>
public sealed class WaitingPhaseFaultTests(ITestOutputHelper output) : PhaseFlowTestKit(output)
{
    [Fact]
    public async Task Signals_TaskTypeThrowsWhileListingItsSignals_AnEarlySignalIsRefusedAndTheWaitStillTakesALaterOne()
    {
        await using var node = TaskNode.Start(Database, Registry());
        await node.Submit("t1", SignalsThrow.Name, "{}");
        await WaitForPhase(node, "t1", 1);

        // Phase 1 runs; the signal waited for in phase 2 counts as not declared, as its list cannot be read.
        var early = Assert.IsType<CommandRejected>(await node.Signal("t1", "go", "1"));
        Assert.Equal(RejectionCode.InvalidState, early.Code);
        SignalsThrow.Gate.SetResult();
        await WaitForPhase(node, "t1", 2);

        Assert.IsType<CommandAccepted>(await node.Signal("t1", "go", "2"));
        var done = await WaitForState(node, "t1", TaskLifecycleState.Succeeded);
        Assert.Equal("2", done.Phases[1].OutputJson);
    }

    [Fact]
    public async Task Delay_ActorSystemAbortedMidWait_NextSystemEndsItAtTheRecordedTimeAndRunsNothingTwice()
    {
        var registry = Registry();
        var first = TaskNode.Start(Database, registry);
        await first.Submit("t2", DelayThenWork.Name, "{}");
        await WaitForPhase(first, "t2", 1);
        var until = (await first.Status("t2")).Phases[0].Waiting!.Until!.Value;
        await first.Abort();

        await using var second = TaskNode.Start(Database, registry);
        second.Task("t2");
        var done = await WaitForState(second, "t2", TaskLifecycleState.Succeeded);

        Assert.True(done.Phases[0].CompletedAt >= until, $"the delay ended at {done.Phases[0].CompletedAt:O}, before {until:O}");
        Assert.Equal(1, DelayThenWork.Runs);
        Assert.Equal(["E-TA", "E-PS", "E-PC", "E-PS", "E-PC", "E-TS"], Database.JournalOf("task-t2").Manifests());
    }

    private static TaskTypeRegistry Registry()
    {
        var registry = TestTasks.Registry();
        registry.Register(new SignalsThrow());
        registry.Register(new DelayThenWork());
        return registry;
    }

    private async Task WaitForPhase(TaskNode node, string taskId, int phases) =>
        await AwaitAssertAsync(async () => Assert.Equal(phases, (await node.Status(taskId)).Phases.Count), Patience, TimeSpan.FromMilliseconds(25));

    /// <summary>Waits for "go" in its second phase, and throws when asked which signals it declares.</summary>
    private sealed class SignalsThrow : TaskDefinition<object>
    {
        public const string Name = "signals-throw";

        public static TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override string TypeName => Name;

        protected override IEnumerable<Phase> Plan(object input, PlanContext plan)
        {
            yield return Phase.Run("first", _ => Gate.Task);
            yield return Phase.WaitForSignal("wait", "go");
        }

        protected override IEnumerable<string> Signals(object input) => throw new InvalidOperationException("signals bug");
    }

    /// <summary>A two-second durable delay, then a phase that counts its runs.</summary>
    private sealed class DelayThenWork : TaskDefinition<object>
    {
        public const string Name = "delay-then-work";

        private static int _runs;

        public static int Runs => _runs;

        public override string TypeName => Name;

        protected override IEnumerable<Phase> Plan(object input, PlanContext plan)
        {
            yield return Phase.Delay("pause", TimeSpan.FromSeconds(2));
            yield return Phase.Run("work", _ =>
            {
                Interlocked.Increment(ref _runs);
                return Task.CompletedTask;
            });
        }
    }
}
