using PhaseFlow.Actors.WakeUps;

namespace PhaseFlow.Actors.Tasks;

/// <summary>How waiting tasks leave memory: where they record their wake-ups, and from how long a wait on.</summary>
/// <param name="WakeUps">Where a task records when it is due before it leaves memory.</param>
/// <param name="After">The shortest wait a task leaves memory for; shorter waits keep a timer in memory.</param>
public sealed record TaskSleep(IWakeUpStore WakeUps, TimeSpan After)
{
    /// <summary>Gets how long a task that may sleep stays in memory after its last message (a watcher's questions keep it there).</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(1);
}
