using PhaseFlow.Actors.WakeUps;

namespace PhaseFlow.Actors.Tasks;

/// <summary>How waiting tasks leave memory: where they record their wake-ups, and from how long a wait on.</summary>
/// <param name="WakeUps">Where a task records when it is due before it leaves memory.</param>
/// <param name="After">The shortest wait a task leaves memory for; shorter waits keep a timer in memory.</param>
public sealed record TaskSleep(IWakeUpStore WakeUps, TimeSpan After);
