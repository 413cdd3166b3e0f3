using Akka.Actor;
using Akka.Configuration;
using PhaseFlow.Actors.Persistence;
using PhaseFlow.Actors.Tasks;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Contracts.Queries;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// One actor system on a test's SQLite file hosting task actors directly (no cluster). Tests start one, abort it
/// without a graceful shutdown, and start another on the same file to see what recovery does.
/// </summary>
public sealed class TaskNode : IAsyncDisposable
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(15);
    private readonly Dictionary<string, IActorRef> _tasks = [];
    private readonly TaskActorSettings _settings;

    private TaskNode(ActorSystem system, TaskActorSettings settings)
    {
        System = system;
        _settings = settings;
    }

    public ActorSystem System { get; }

    public static TaskNode Start(TestDatabase database, TaskTypeRegistry? registry = null, Config? extra = null, TaskRestarts? restarts = null, int maxInterruptedRuns = 3, TaskAdmission? admission = null)
    {
        var config = (extra ?? Config.Empty)
            .WithFallback(ConfigurationFactory.ParseString("akka.actor.provider = local\nakka.loglevel = WARNING"))
            .WithFallback(database.Storage.ToConfig())
            .WithFallback(PhaseFlowHocon.Load());
        var system = ActorSystem.Create("node", config);
        return new TaskNode(system, new TaskActorSettings(registry ?? TestTasks.Registry(), TimeProvider.System, TimeSpan.FromMinutes(5), passivateThroughParent: false, maxInterruptedRuns, restarts)
        {
            Admission = admission ?? new TaskAdmission(int.MaxValue),
        });
    }

    /// <summary>The task's actor on this node, started on first use (it recovers from the journal).</summary>
    public IActorRef Task(string taskId)
    {
        if (!_tasks.TryGetValue(taskId, out var actor))
        {
            actor = System.ActorOf(TaskActor.Props(taskId, _settings), $"task-{Guid.NewGuid():N}");
            _tasks[taskId] = actor;
        }

        return actor;
    }

    /// <summary>Forgets the actor of a task that stopped, so the next call starts (and recovers) a new one.</summary>
    public void Forget(string taskId) => _tasks.Remove(taskId);

    public Task<ICommandReply> Submit(string taskId, string taskType, string inputJson) =>
        Task(taskId).Ask<ICommandReply>(new SubmitTask(taskId, taskType, inputJson), AskTimeout);

    public Task<ICommandReply> Cancel(string taskId) =>
        Task(taskId).Ask<ICommandReply>(new CancelTask(taskId), AskTimeout);

    public Task<ICommandReply> Resume(string taskId) =>
        Task(taskId).Ask<ICommandReply>(new ResumeTask(taskId), AskTimeout);

    public Task<ICommandReply> RetryRevert(string taskId) =>
        Task(taskId).Ask<ICommandReply>(new RetryRevert(taskId), AskTimeout);

    public Task<ICommandReply> Signal(string taskId, string name, string? payloadJson, string? signalId = null) =>
        Task(taskId).Ask<ICommandReply>(new SignalTask(taskId, name, payloadJson, signalId), AskTimeout);

    public async Task<TaskStatusView> Status(string taskId) =>
        await Task(taskId).Ask<IWithTaskId>(new GetTaskStatus(taskId), AskTimeout) as TaskStatusView
        ?? throw new InvalidOperationException($"Task {taskId} not found.");

    /// <summary>Stops the actor system at once: no coordinated shutdown, nothing flushed, like a crash.</summary>
    public async Task Abort()
    {
        ((ExtendedActorSystem)System).Abort();
        await System.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        if (!System.WhenTerminated.IsCompleted)
        {
            await System.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}
