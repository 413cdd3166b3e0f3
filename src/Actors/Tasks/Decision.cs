using PhaseFlow.Contracts.Events;

namespace PhaseFlow.Actors.Tasks;

/// <summary>What <see cref="TaskDecider"/> decided for one signal: events to store (in one write), then effects to perform.</summary>
/// <param name="Events">The events, in order; stored before anything else happens.</param>
/// <param name="Next">The actor's life state once the events are stored.</param>
/// <param name="Effects">What to do once the events are stored, in order.</param>
internal sealed record Decision(IReadOnlyList<ITaskEvent> Events, Incarnation Next, IReadOnlyList<TaskEffect> Effects);
