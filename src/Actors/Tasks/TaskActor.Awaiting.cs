using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using PhaseFlow.Actors.Awaiting;
using PhaseFlow.Actors.Hosting;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Contracts.Commands;

namespace PhaseFlow.Actors.Tasks;

/// <summary>
/// Tasks that wait for tasks: submitting children, asking the tasks this one waits for how they stand, commanding
/// children while they are undone; and, on the other side, answering a watch and reporting this task's finish to its
/// parent and to whoever watches it.
/// </summary>
/// <remarks>
/// Everything goes through the shard region, so it reaches a task wherever it lives (and starts it if it left memory).
/// None of it is relied on alone: a lost message is made up for by the waiting task asking again (<see cref="TaskRules.WatchEvery"/>).
/// </remarks>
public sealed partial class TaskActor
{
    // How long a child's submission may take before it counts as lost (the child is asked again later).
    private static readonly TimeSpan SubmitTimeout = TimeSpan.FromSeconds(30);

    // Tasks that asked to be told when this one finishes; kept in memory only (they ask again from time to time).
    private readonly HashSet<string> _watchers = [];

    // Reports of watched tasks not decided yet: those that arrive while a write is under way are decided together.
    private readonly List<WatchedTaskState> _reports = [];

    private IActorRef? _region;

    /// <summary>Gets the task shard region, or <see langword="null"/> on a node without sharding (tests of a lone actor cannot reach other tasks).</summary>
    private IActorRef? Region => _region ??= _settings.PassivateThroughParent
        ? ClusterSharding.Get(Context.System).ShardRegion(PhaseFlowDefaults.ShardRegionName)
        : null;

    private void StartChildren(TaskEffect.StartChildren start)
    {
        if (DeclarationAt(start.Index).Wait is not PhaseWait.Children declared || Region is not { } region)
        {
            _log.Warning("Task {0} cannot start the children of phase {1}: {2}.", _taskId, start.Index + 1, Region is null ? "this node has no shard region" : "the phase declares none");
            return;
        }

        var self = Self;
        var taskId = _taskId;
        var lineage = (IReadOnlyList<string>)[.. _state.Lineage, _taskId];
        foreach (var childId in start.ChildIds)
        {
            var position = ChildPosition(childId, start.Index, start.Attempt);
            if (position < 0 || position >= declared.Tasks.Count)
            {
                continue;
            }

            var child = declared.Tasks[position];
            var id = childId;
            region.Ask<object>(new SubmitTask(id, child.TaskType, child.InputJson, _state.TraceParent, lineage), SubmitTimeout)
                .ContinueWith(
                    t => t.IsCompletedSuccessfully && t.Result is CommandRejected rejected
                        ? new WatchedTaskState(taskId, id, null, null, TaskError.Of("ChildRefused", rejected.Message))
                        : (object)new WatchTask(id, taskId),
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default)
                .PipeTo(self);
        }
    }

    private int ChildPosition(string childId, int index, int attempt)
    {
        var ids = _state.Phases[index].Wait?.Tasks;
        return _state.Phases[index].Attempts == attempt && ids is not null ? IndexOf(ids, childId) : -1;
    }

    private void WatchTasks(TaskEffect.WatchTasks watch)
    {
        foreach (var id in watch.TaskIds)
        {
            Region?.Tell(new WatchTask(id, _taskId));
        }
    }

    private void CommandTasks(TaskEffect.CommandTasks command)
    {
        foreach (var each in command.Commands)
        {
            // The answer is not needed: the child reports when it finishes, and the parent asks again if it does not.
            Region?.Ask<object>(each, SubmitTimeout).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Queues a report and decides the queue once the messages before it are handled: reports that arrived while the
    /// previous write was under way (stashed meanwhile) become one decision and one write, not one each (1,000 children
    /// finishing together would otherwise be 1,000 writes in a row).
    /// </summary>
    private void OnWatchedTaskState(WatchedTaskState report)
    {
        _reports.Add(report);
        if (_reports.Count == 1)
        {
            Self.Tell(ReportsQueued.Instance);
        }
    }

    private void DecideReports()
    {
        if (_reports.Count == 0)
        {
            return;
        }

        var reports = _reports.ToArray();
        _reports.Clear();
        Decide(new TaskSignal.Watched(reports));
    }

    /// <summary>Answers a watch now (through the region, to wherever the watcher lives), and remembers to report the finish.</summary>
    private void OnWatchTask(WatchTask watch)
    {
        if (watch.WatcherId == _taskId)
        {
            return;
        }

        if (_state.Exists && !IsFinished(_state.State))
        {
            _watchers.Add(watch.WatcherId);
        }

        Region?.Tell(Report(watch.WatcherId));
        if (!_state.Exists)
        {
            Passivate();
        }
    }

    /// <summary>After a decision: if the task has just finished, tells its parent and its watchers.</summary>
    private void ReportIfFinished(TaskLifecycleState before)
    {
        if (!_state.Exists || !IsFinished(_state.State) || before == _state.State || Region is not { } region)
        {
            return;
        }

        if (_state.ParentId is { } parent)
        {
            _watchers.Add(parent);
        }

        foreach (var watcher in _watchers)
        {
            region.Tell(Report(watcher));
        }

        _watchers.Clear();
    }

    private WatchedTaskState Report(string watcherId)
    {
        var succeeded = _state.State == TaskLifecycleState.Succeeded;

        // Kind and message only: the stack trace stays in this task's log.
        var error = succeeded ? null : _state.RevertError ?? _state.Error;
        return new WatchedTaskState(
            watcherId,
            _taskId,
            _state.Exists ? _state.State : null,
            succeeded ? _state.Phases.LastOrDefault(p => p.HasCompleted)?.OutputJson : null,
            error is null ? null : TaskError.Of(error.Type, error.Message),
            IsFinished(_state.State) ? _state.UpdatedAt : null);
    }

    private void OnUndoTask()
    {
        // A task that succeeded left its type and plan unloaded; its revert needs them (without them the revert fails and says why).
        if (_task is null && _state.State == TaskLifecycleState.Succeeded)
        {
            Load();
        }

        Decide(new TaskSignal.Undo());
    }

    private static bool IsFinished(TaskLifecycleState state) =>
        state is TaskLifecycleState.Succeeded or TaskLifecycleState.Reverted or TaskLifecycleState.RevertFailed;

    private static int IndexOf(IReadOnlyList<string> ids, string id)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i] == id)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Decide the queued reports of watched tasks (a message to itself, so the reports stashed during a write are queued first).</summary>
    private sealed class ReportsQueued
    {
        public static readonly ReportsQueued Instance = new();
    }
}
