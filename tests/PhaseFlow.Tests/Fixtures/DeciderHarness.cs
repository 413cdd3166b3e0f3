using PhaseFlow.Actors.Tasks;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Contracts.Events;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// Drives <see cref="TaskDecider"/> the way the task actor does, without Akka: applies each decision's events and
/// life state, and remembers the last decision for the test to inspect.
/// </summary>
internal sealed class DeciderHarness(ITaskPlan? plan, TaskRules? rules = null)
{
    public const string TaskId = "t";

    public TaskState State { get; private set; } = TaskState.Empty;

    public Incarnation Life { get; private set; } = Incarnation.Fresh;

    public DateTimeOffset Now { get; set; } = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    public ITaskPlan? Plan { get; set; } = plan;

    public Decision Last { get; private set; } = new([], Incarnation.Fresh, []);

    /// <summary>Every event stored so far, as a journal would hold them.</summary>
    public List<ITaskEvent> History { get; } = [];

    public Decision Send(TaskSignal signal)
    {
        Last = TaskDecider.Decide(TaskId, State, Life, signal, Now, Plan, rules ?? TaskRules.Default);
        foreach (var @event in Last.Events)
        {
            Apply(@event);
        }

        Life = Last.Next;
        return Last;
    }

    /// <summary>Applies a stored event, as recovery does.</summary>
    public void Apply(ITaskEvent @event)
    {
        History.Add(@event);
        State = State.Apply(@event);
    }

    /// <summary>
    /// The next life of the actor on the same journal: the same events, a fresh life state, a second later. Nothing is
    /// sent yet; the test sends <see cref="TaskSignal.Recovered"/> the way it wants.
    /// </summary>
    public DeciderHarness NextLife(ITaskPlan? plan, TaskRules? rules = null)
    {
        var next = new DeciderHarness(plan, rules) { Now = Now.AddSeconds(1) };
        foreach (var @event in History)
        {
            next.Apply(@event);
        }

        return next;
    }

    /// <summary>Submits a new task and returns the run id of its first attempt (0 when none started).</summary>
    public int Submit()
    {
        Send(new TaskSignal.Recovered(null, EarlierRun: false));
        Send(new TaskSignal.Submit(new SubmitTask(TaskId, "fake", "{}"), new SubmissionCheck.Bound("{}", "fake@1")));
        return Life.Work?.RunId ?? 0;
    }

    /// <summary>Completes the running attempt and returns the run id of whatever was started next (0 when none).</summary>
    public int Complete(int runId, string? output = null)
    {
        Send(new TaskSignal.AttemptFinished(runId, new AttemptOutcome.Completed(output)));
        return Life.Work?.RunId ?? 0;
    }

    public IReadOnlyList<string> EventNames => [.. Last.Events.Select(e => e.GetType().Name)];

    public IReadOnlyList<T> Effects<T>() where T : TaskEffect => [.. Last.Effects.OfType<T>()];

    public ICommandReply? Reply => Last.Effects.OfType<TaskEffect.Reply>().SingleOrDefault()?.Message;

    public int RunId<T>() where T : TaskEffect => Last.Effects.OfType<T>().Single() switch
    {
        TaskEffect.RunAttempt a => a.RunId,
        TaskEffect.RunUndo u => u.RunId,
        TaskEffect.RunCustomRevert c => c.RunId,
        var other => throw new InvalidOperationException($"{other} has no run id."),
    };

    public T Event<T>() where T : ITaskEvent => Last.Events.OfType<T>().Single();
}
