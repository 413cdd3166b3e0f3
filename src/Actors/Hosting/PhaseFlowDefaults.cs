namespace PhaseFlow.Actors.Hosting;

/// <summary>Every default of <see cref="PhaseFlowOptions"/>, in one place.</summary>
internal static class PhaseFlowDefaults
{
    public const string ActorSystemName = "phaseflow";
    public const string SqlitePath = "./data/phaseflow.db";
    public const string AkkaHost = "127.0.0.1";
    public const int AkkaPort = 4053;
    public const int NumberOfShards = 100;
    public const int MaxInterruptedRuns = 3;
    public const int MaxRunningTasks = 10_000;
    public const int MaxConcurrentRecoveries = 50;
    public const string ShardRegionName = "tasks";
    public const string TaskListProjectionName = "task-list-projection";
    public const string LogCategory = "PhaseFlow.Node";
    public static readonly TimeSpan UnsettledReadPatience = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan SleepAfter = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan WatchInterval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan SqliteBusyTimeout = TimeSpan.FromSeconds(30);
}
