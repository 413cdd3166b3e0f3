using System.Text.Json;

namespace PhaseFlow.Contracts.Authoring;

/// <summary>
/// The declaration of one phase, as a plan yields it: a stable name, an async body, and optionally an undo,
/// a retry policy and a timeout. Declarations are immutable; the <c>With…</c> methods return a new one.
/// </summary>
/// <remarks>
/// The name is what the journal records and what recovery compares, so it must be stable across releases:
/// renaming a phase of a task that is in flight suspends that task with a "task definition changed" error.
/// The body's result is stored as JSON (<see cref="PhaseFlowJson.Options"/>) and must round-trip through it.
/// </remarks>
public sealed class Phase
{
    /// <summary>The longest phase name allowed.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The most child tasks one phase starts.</summary>
    public const int MaxChildren = 10_000;

    // The longest delay or signal timeout.
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(366);

    private readonly Func<PhaseContext, Task<object?>> _body;

    private Phase(string name, Func<PhaseContext, Task<object?>> body, Type? outputType, Func<UndoContext, Task>? undo, RetryPolicy retry, TimeSpan? timeout, PhaseWait? wait = null)
    {
        Name = name;
        Wait = wait;
        _body = body;
        OutputType = outputType;
        Undo = undo;
        Retry = retry;
        Timeout = timeout;
    }

    /// <summary>Gets the phase's stable name.</summary>
    public string Name { get; }

    /// <summary>Gets the declared type of the body's output, or <see langword="null"/> when it returns none.</summary>
    public Type? OutputType { get; }

    /// <summary>Gets the undo the default revert runs for this phase once it has completed, or <see langword="null"/>.</summary>
    public Func<UndoContext, Task>? Undo { get; }

    /// <summary>Gets the retry policy.</summary>
    /// <value>The default value is <see cref="RetryPolicy.None"/> (one attempt).</value>
    public RetryPolicy Retry { get; }

    /// <summary>Gets what the phase waits for instead of running code, or <see langword="null"/> for a phase that runs its body.</summary>
    public PhaseWait? Wait { get; }

    /// <summary>Gets the time limit of each attempt, or <see langword="null"/> for none.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    /// <remarks>On time-out the body's token is cancelled and the attempt counts as failed (and may be retried).</remarks>
    public TimeSpan? Timeout { get; }

    /// <summary>Declares a phase whose body returns an output that later phases, the plan and the revert can read.</summary>
    /// <typeparam name="TOutput">The output's type; it must round-trip through JSON.</typeparam>
    /// <param name="name">A stable name, 1 to 200 characters.</param>
    /// <param name="body">The work. It runs off the actor thread and receives a <see cref="PhaseContext"/>.</param>
    /// <returns>The declaration.</returns>
    /// <exception cref="ArgumentException">The name is empty, too long, or has control characters.</exception>
    public static Phase Run<TOutput>(string name, Func<PhaseContext, Task<TOutput>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new Phase(ValidName(name), async context => await body(context).ConfigureAwait(false), typeof(TOutput), null, RetryPolicy.None, null);
    }

    /// <summary>Declares a phase without output.</summary>
    /// <param name="name">A stable name, 1 to 200 characters.</param>
    /// <param name="body">The work. It runs off the actor thread and receives a <see cref="PhaseContext"/>.</param>
    /// <returns>The declaration.</returns>
    /// <exception cref="ArgumentException">The name is empty, too long, or has control characters.</exception>
    public static Phase Run(string name, Func<PhaseContext, Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new Phase(
            ValidName(name),
            async context =>
            {
                await body(context).ConfigureAwait(false);
                return null;
            },
            null,
            null,
            RetryPolicy.None,
            null);
    }

    /// <summary>
    /// Declares a durable delay: the phase completes once the time has passed since it started, across restarts and
    /// node loss, without holding a thread or a timer in memory meanwhile. Its output is <see langword="null"/>.
    /// </summary>
    /// <param name="name">A stable name, 1 to 200 characters.</param>
    /// <param name="delay">Greater than zero and at most 366 days.</param>
    /// <returns>The declaration.</returns>
    /// <exception cref="ArgumentException">The name is empty, too long, or has control characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The delay is out of range.</exception>
    public static Phase Delay(string name, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero || delay > MaxWait)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "A delay must be greater than zero and at most 366 days.");
        }

        return new Phase(ValidName(name), NoBody, null, null, RetryPolicy.None, null, new PhaseWait.Delay(delay));
    }

    /// <summary>
    /// Declares a phase that waits for a named external signal (<c>POST /tasks/{id}/signals/{signal}</c>) and completes
    /// with the signal's JSON payload as its output. Without a timeout it waits for ever; with one, an attempt that sees
    /// no signal in time fails (<c>SignalTimedOut</c>) and the phase's retry policy decides. A signal that arrives
    /// before the phase starts is kept only if the task type declares it (<c>Signals</c> of the task definition).
    /// </summary>
    /// <param name="name">A stable name, 1 to 200 characters.</param>
    /// <param name="signal">The signal's name (see <see cref="SignalNames"/>).</param>
    /// <param name="timeout">Greater than zero and at most 366 days, or <see langword="null"/> to wait for ever.</param>
    /// <returns>The declaration.</returns>
    /// <exception cref="ArgumentException">The phase or signal name is not allowed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is out of range.</exception>
    public static Phase WaitForSignal(string name, string signal, TimeSpan? timeout = null)
    {
        if (!SignalNames.IsValid(signal))
        {
            throw new ArgumentException(SignalNames.Explain("signal name", signal), nameof(signal));
        }

        if (timeout is { } limit && (limit <= TimeSpan.Zero || limit > MaxWait))
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A signal wait's timeout must be greater than zero and at most 366 days.");
        }

        return new Phase(ValidName(name), NoBody, typeof(JsonElement?), null, RetryPolicy.None, null, new PhaseWait.Signal(signal, timeout));
    }

    /// <summary>
    /// Declares a phase that starts child tasks and completes when every one of them has succeeded, with their outputs (the
    /// output of each child's last phase) as a JSON array in the same order. The children run wherever the cluster places
    /// them; the phase holds no thread and no timer in memory while they run.
    /// </summary>
    /// <remarks>
    /// <para>Each child's id is derived from this task's id, the phase, the attempt and the child's position
    /// (<c>parent:phase.attempt.position</c>, 1-based), so a crash between starting children and recording it never starts
    /// one twice.</para>
    /// <para>A child that fails (ends reverted), or cannot be submitted, fails the attempt once the attempt's other
    /// children are cancelled or reverted; the phase's retry policy then decides, and a retry starts new children. When
    /// this task reverts, its children are cancelled (running ones) and reverted (succeeded ones, newest first), and its
    /// revert ends only once theirs has.</para>
    /// </remarks>
    /// <param name="name">A stable name, 1 to 200 characters.</param>
    /// <param name="children">1 to 10,000 children, in order.</param>
    /// <returns>The declaration.</returns>
    /// <exception cref="ArgumentException">The name is not allowed, or a child has no type or an input that is not JSON.</exception>
    /// <exception cref="ArgumentOutOfRangeException">There are no children, or more than 10,000.</exception>
    public static Phase StartChildren(string name, IEnumerable<ChildTask> children)
    {
        ArgumentNullException.ThrowIfNull(children);
        var list = children.ToList();
        if (list.Count is 0 or > MaxChildren)
        {
            throw new ArgumentOutOfRangeException(nameof(children), list.Count, $"A phase starts 1 to {MaxChildren} child tasks.");
        }

        for (var i = 0; i < list.Count; i++)
        {
            ValidChild(list[i], i, nameof(children));
        }

        return new Phase(ValidName(name), NoBody, typeof(JsonElement?), null, RetryPolicy.None, null, new PhaseWait.Children(list));
    }

    /// <summary>
    /// Declares a phase that waits for an existing task to finish (succeeded, reverted, or its revert failed) and completes
    /// with <c>{"taskId", "state", "output", "error"}</c> as its output, whatever the outcome: the phases after it decide.
    /// A task that does not exist fails the attempt (<c>TaskNotFound</c>; the retry policy decides). Waiting for this task
    /// itself or one of its ancestors would never end: the task fails (<c>WaitCycle</c>) before the phase starts.
    /// </summary>
    /// <param name="name">A stable name, 1 to 200 characters.</param>
    /// <param name="taskId">The task to wait for (see <see cref="TaskIds"/>).</param>
    /// <returns>The declaration.</returns>
    /// <exception cref="ArgumentException">The name or the task id is not allowed.</exception>
    public static Phase WaitForTask(string name, string taskId)
    {
        if (!TaskIds.IsValid(taskId))
        {
            throw new ArgumentException(TaskIds.Explain(taskId), nameof(taskId));
        }

        return new Phase(ValidName(name), NoBody, typeof(JsonElement?), null, RetryPolicy.None, null, new PhaseWait.Task(taskId));
    }

    /// <summary>Returns a copy of this declaration with an undo, run by the default revert after the phase completed.</summary>
    /// <param name="undo">Undoes what the completed phase did; reads the phase's output from its context.</param>
    /// <returns>The new declaration.</returns>
    public Phase WithUndo(Func<UndoContext, Task> undo)
    {
        ArgumentNullException.ThrowIfNull(undo);
        return new Phase(Name, _body, OutputType, undo, Retry, Timeout, Wait);
    }

    /// <summary>Returns a copy of this declaration with a retry policy.</summary>
    /// <param name="retry">The policy.</param>
    /// <returns>The new declaration.</returns>
    public Phase WithRetry(RetryPolicy retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        return new Phase(Name, _body, OutputType, Undo, retry, Timeout, Wait);
    }

    /// <summary>Returns a copy of this declaration with a time limit per attempt.</summary>
    /// <param name="timeout">Greater than zero and at most 24 hours.</param>
    /// <returns>The new declaration.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The time limit is out of range.</exception>
    public Phase WithTimeout(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero || timeout > TimeSpan.FromHours(24))
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A phase timeout must be greater than zero and at most 24 hours.");
        }

        if (Wait is not null)
        {
            throw new InvalidOperationException($"Phase '{Name}' waits instead of running code, so it has no attempt time limit; give a signal wait its timeout in WaitForSignal.");
        }

        return new Phase(Name, _body, OutputType, Undo, Retry, timeout);
    }

    /// <summary>Runs the body once and returns its output as JSON (<see langword="null"/> when it has none).</summary>
    /// <param name="context">The phase context.</param>
    /// <returns>The output serialised with <see cref="PhaseFlowJson.Options"/>.</returns>
    /// <remarks>PhaseFlow's runner calls this; the time limit and retries are applied by the runner, not here.</remarks>
    public async Task<string?> ExecuteAsync(PhaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var output = await _body(context).ConfigureAwait(false);
        return OutputType is null ? null : JsonSerializer.Serialize(output, OutputType, PhaseFlowJson.Options);
    }

    // A waiting phase never runs a body: the task actor completes it. Reaching this is a bug in PhaseFlow.
    private static Task<object?> NoBody(PhaseContext context) =>
        throw new InvalidOperationException("A waiting phase has no body to run.");

    private static void ValidChild(ChildTask? child, int position, string parameter)
    {
        if (child is null || string.IsNullOrWhiteSpace(child.TaskType))
        {
            throw new ArgumentException($"Child task {position + 1} has no task type.", parameter);
        }

        try
        {
            using var _ = JsonDocument.Parse(child.InputJson);
        }
        catch (Exception e) when (e is JsonException or ArgumentNullException)
        {
            throw new ArgumentException($"Child task {position + 1} ('{child.TaskType}') has an input that is not JSON: {e.Message}", parameter);
        }
    }

    private static string ValidName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Length > MaxNameLength)
        {
            throw new ArgumentException($"A phase name has at most {MaxNameLength} characters; '{name[..40]}…' has {name.Length}.", nameof(name));
        }

        if (name.Any(char.IsControl))
        {
            throw new ArgumentException($"A phase name must not contain control characters: '{name}'.", nameof(name));
        }

        return name;
    }
}
