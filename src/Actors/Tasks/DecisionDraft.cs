using PhaseFlow.Contracts.Commands;
using PhaseFlow.Contracts.Events;

namespace PhaseFlow.Actors.Tasks;

/// <summary>
/// A decision being made: <see cref="TaskDecider"/> records events (applying each to <see cref="State"/> at once, so
/// the next step is decided on the state those events lead to) and adds effects. Local to one decision; nothing
/// outside sees it until <see cref="ToDecision"/>.
/// </summary>
internal sealed class DecisionDraft
{
    private readonly List<ITaskEvent> _events = [];
    private readonly List<TaskEffect> _effects = [];
    private ICommandReply? _reply;

    /// <summary>Initializes a draft.</summary>
    /// <param name="taskId">The task's id (also before anything was accepted under it).</param>
    /// <param name="state">The task's stored state.</param>
    /// <param name="life">The actor's life state.</param>
    /// <param name="now">The time events are stamped with.</param>
    /// <param name="plan">The task's plan, or <see langword="null"/> when its type or input cannot be loaded.</param>
    /// <param name="rules">The node's rules.</param>
    public DecisionDraft(string taskId, TaskState state, Incarnation life, DateTimeOffset now, ITaskPlan? plan, TaskRules rules)
    {
        TaskId = taskId;
        State = state;
        Life = life;
        Now = now;
        Plan = plan;
        Rules = rules;
    }

    public string TaskId { get; }

    /// <summary>Gets the state after the events recorded so far.</summary>
    public TaskState State { get; private set; }

    /// <summary>Gets or sets the actor's life state after this decision.</summary>
    public Incarnation Life { get; set; }

    public DateTimeOffset Now { get; }

    public ITaskPlan? Plan { get; }

    public TaskRules Rules { get; }

    /// <summary>
    /// Gets or sets a value indicating whether this decision only reacts to one other task's report: then it sends only
    /// the requests that report makes necessary, not every request again (with 1,000 children, resending all on every
    /// report would be a million messages).
    /// </summary>
    public bool ReportOnly { get; set; }

    /// <summary>Records an event: it will be stored, and the rest of the decision already sees its effect.</summary>
    /// <param name="event">The event.</param>
    public void Record(ITaskEvent @event)
    {
        _events.Add(@event);
        State = State.Apply(@event);
    }

    /// <summary>Adds an effect, performed after the events are stored.</summary>
    /// <param name="effect">The effect.</param>
    public void Do(TaskEffect effect) => _effects.Add(effect);

    /// <summary>Adds a log line.</summary>
    /// <param name="level">How important.</param>
    /// <param name="message">The line, without the task id.</param>
    public void Log(TaskLogLevel level, string message) => _effects.Add(new TaskEffect.Log(level, message));

    /// <summary>
    /// Sets the answer to the command; it is sent after every other effect, once the events are stored, so a caller that
    /// hears "accepted" can rely on what the decision did (a cancel has already signalled the running phase's token).
    /// </summary>
    /// <param name="reply">The answer.</param>
    public void Reply(ICommandReply reply) => _reply = reply;

    /// <summary>Answers with an acceptance showing the state this decision leads to.</summary>
    public void ReplyAccepted() => Reply(new CommandAccepted(TaskId, State.State));

    /// <summary>Answers with a rejection.</summary>
    /// <param name="code">The kind of rejection.</param>
    /// <param name="message">What was wrong and what is allowed.</param>
    public void ReplyRejected(RejectionCode code, string message) =>
        Reply(new CommandRejected(TaskId, code, message, State.Exists ? State.State : null));

    /// <summary>Takes the next launch id.</summary>
    /// <returns>The id.</returns>
    public int NextRunId()
    {
        Life = Life with { LastRunId = Life.LastRunId + 1 };
        return Life.LastRunId;
    }

    /// <summary>Finishes the draft.</summary>
    /// <returns>The decision.</returns>
    public Decision ToDecision() => new(_events, Life, _reply is null ? _effects : [.. _effects, new TaskEffect.Reply(_reply)]);
}
