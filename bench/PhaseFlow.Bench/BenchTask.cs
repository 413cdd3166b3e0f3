using PhaseFlow.Contracts.Authoring;

namespace PhaseFlow.Bench;

/// <summary>The task type every measurement runs: its phases do (almost) nothing and tell the probe they started.</summary>
/// <param name="probe">Where the phases and the plan report to; one per node.</param>
internal sealed class BenchTask(BenchProbe probe) : TaskDefinition<BenchInput>
{
    public const string Name = "bench";

    private static readonly RetryPolicy RetryInAnHour = RetryPolicy.Exponential(maxAttempts: 2, initialDelay: TimeSpan.FromHours(1));

    public override string TypeName => Name;

    protected override IEnumerable<Phase> Plan(BenchInput input, PlanContext plan)
    {
        for (var i = 0; i < input.Phases; i++)
        {
            var index = i;
            yield return input.Mode switch
            {
                BenchMode.Hold => Phase.Run($"p{index}", async context =>
                {
                    probe.PhaseStarted();
                    await probe.Held.WaitAsync(context.CancellationToken).ConfigureAwait(false);
                }),
                BenchMode.Idle => Phase.Run($"p{index}", _ =>
                {
                    probe.PhaseStarted();
                    throw new InvalidOperationException("bench: retry in an hour");
                }).WithRetry(RetryInAnHour),
                _ => Phase.Run($"p{index}", _ =>
                {
                    probe.PhaseStarted();
                    return Task.CompletedTask;
                }),
            };
        }

        // Reached only after the last phase's completion is stored: the plan is pulled again from that callback.
        probe.PlanEnded();
    }
}
