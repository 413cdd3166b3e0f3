using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PhaseFlow.Actors.Observability;
using PhaseFlow.Contracts.Authoring;

namespace PhaseFlow.Actors.Tasks;

/// <summary>What every task actor of a node shares.</summary>
public sealed class TaskActorSettings
{
    private readonly ILoggerFactory _loggerFactory = NullLoggerFactory.Instance;
    private readonly TaskSleep? _sleep;

    /// <summary>Initializes the settings.</summary>
    /// <param name="registry">The task types this node can run.</param>
    /// <param name="timeProvider">The clock events are stamped with and timeouts run on.</param>
    /// <param name="idleTimeout">How long a settled, suspended or unknown task stays in memory after its last message.</param>
    /// <param name="passivateThroughParent"><see langword="true"/> under Cluster Sharding (stop by asking the shard to passivate); <see langword="false"/> to stop directly.</param>
    /// <param name="maxInterruptedRuns">How many runs of one attempt may be interrupted in a row by the node stopping before the attempt counts as failed.</param>
    /// <param name="restarts">The node's record of tasks whose journal failed; a new one (1 s doubling to 1 min) when <see langword="null"/>.</param>
    public TaskActorSettings(
        TaskTypeRegistry registry,
        TimeProvider timeProvider,
        TimeSpan idleTimeout,
        bool passivateThroughParent,
        int maxInterruptedRuns = 3,
        TaskRestarts? restarts = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (idleTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(idleTimeout), idleTimeout, "The idle timeout must be positive.");
        }

        if (maxInterruptedRuns < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxInterruptedRuns), maxInterruptedRuns, "At least one run of an attempt must be allowed.");
        }

        Registry = registry;
        TimeProvider = timeProvider;
        IdleTimeout = idleTimeout;
        PassivateThroughParent = passivateThroughParent;
        Rules = new TaskRules(maxInterruptedRuns);
        Restarts = restarts ?? new TaskRestarts(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    }

    /// <summary>Gets the task types this node can run.</summary>
    public TaskTypeRegistry Registry { get; }

    /// <summary>Gets the clock events are stamped with.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gets how long a task that has nothing to do stays in memory.</summary>
    public TimeSpan IdleTimeout { get; }

    /// <summary>Gets a value indicating whether the actor runs under Cluster Sharding and passivates through its shard.</summary>
    public bool PassivateThroughParent { get; }

    /// <summary>Gets the node's record of tasks whose journal could not be written or read.</summary>
    public TaskRestarts Restarts { get; }

    /// <summary>Gets how many tasks run on this node against its limit.</summary>
    /// <value>The default value has no limit.</value>
    public TaskAdmission Admission { get; init; } = new(int.MaxValue);

    /// <summary>Gets the work task actors of this node have running.</summary>
    public EarlierRuns EarlierRuns { get; } = new();

    /// <summary>Gets the rules that take part in decisions.</summary>
    /// <summary>Gets the host's logger factory: the task's log scope (its id) is opened in it around the task's code, so what that code logs carries the id.</summary>
    /// <value>The default value discards the scope (a node without a host, as in tests).</value>
    public ILoggerFactory LoggerFactory
    {
        get => _loggerFactory;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _loggerFactory = value;
            TaskCodeLogger = value.CreateLogger("PhaseFlow.Tasks");
        }
    }

    /// <summary>Gets the node's count of completed phases per second (the dashboard's chart), or <see langword="null"/> for none.</summary>
    public PhaseThroughput? Throughput { get; init; }

    /// <summary>
    /// Gets or sets where waiting tasks record their wake-ups, and how long a wait must be before a task leaves memory
    /// for it; <see langword="null"/> keeps waiting tasks in memory (a node without sharding has nothing to wake them with).
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public TaskSleep? Sleep
    {
        get => _sleep;
        init
        {
            _sleep = value;
            Rules = Rules with { SleepAfter = value?.After };
        }
    }

    /// <summary>
    /// Gets how often a task that waits for other tasks (its children, or a task it waits for) asks them how they stand,
    /// in case a notice that one finished was lost with a node.
    /// </summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan WatchInterval
    {
        get => Rules.WatchEvery;
        init
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The watch interval must be positive.");
            }

            Rules = Rules with { WatchInterval = value };
        }
    }

    internal TaskRules Rules { get; private set; }

    /// <summary>Gets a logger of <see cref="LoggerFactory"/>, to open scopes with (every logger of one factory shares them).</summary>
    internal ILogger TaskCodeLogger { get; private init; } = NullLogger.Instance;
}
