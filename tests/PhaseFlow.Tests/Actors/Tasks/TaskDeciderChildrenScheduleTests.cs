using PhaseFlow.Actors.Awaiting;
using PhaseFlow.Actors.Tasks;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Actors.Tasks;

/// <summary>
/// A parent with children, decided without Akka, under generated schedules: children finish (or fail) in any order,
/// reports are lost, repeated and late, the parent restarts, polls, is cancelled, and its next phase fails. A small
/// model of the children (what really happened to each) checks every decision against the promises: a phase completes
/// only when every child of its attempt really succeeded; a retry starts only once the failed attempt's children are
/// all really reverted; a succeeded child is reverted only once none of its siblings runs, newest first; the parent
/// ends reverted only once every child it started is reverted; and every schedule ends.
/// </summary>
[Trait("Category", "Core")]
public sealed class TaskDeciderChildrenScheduleTests(ITestOutputHelper output)
{
    private const int Schedules = 400;

    [Fact]
    public void GeneratedSchedules_KeepEveryPromiseAboutChildren()
    {
        var seed = Environment.GetEnvironmentVariable("PHASEFLOW_SCHEDULE_SEED") is { Length: > 0 } given ? int.Parse(given) : Random.Shared.Next();
        output.WriteLine($"first seed {seed} (set PHASEFLOW_SCHEDULE_SEED to replay)");
        var endings = new Dictionary<TaskLifecycleState, int>();
        for (var i = 0; i < Schedules; i++)
        {
            var run = new ChildrenSchedule(seed + i);
            try
            {
                var ending = run.Play();
                endings[ending] = endings.GetValueOrDefault(ending) + 1;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new Xunit.Sdk.XunitException($"Schedule seed {seed + i} broke a promise: {e.Message}\n{string.Join("\n", run.Trace.TakeLast(40))}");
            }
        }

        output.WriteLine(string.Join(", ", endings.Select(e => $"{e.Key} {e.Value}")));

        // The generator reaches both endings, or it proves little.
        Assert.True(endings.GetValueOrDefault(TaskLifecycleState.Succeeded) > 0, "no schedule ended Succeeded");
        Assert.True(endings.GetValueOrDefault(TaskLifecycleState.Reverted) > 0, "no schedule ended Reverted");
    }

    /// <summary>One generated schedule: the parent (decided), its children (modelled) and the messages between them.</summary>
    private sealed class ChildrenSchedule
    {
        private static readonly TaskRules Rules = new(MaxInterruptedRuns: 3);
        private readonly Random _random;
        private readonly int _count;
        private readonly HashSet<string> _failing = [];
        private readonly Dictionary<string, Child> _children = [];
        private readonly List<WatchedTaskState> _inFlight = [];
        private readonly FakePlan _plan;
        private DeciderHarness _parent;
        private bool _cancelled;

        public ChildrenSchedule(int seed)
        {
            _random = new Random(seed);
            _count = _random.Next(1, 6);
            var retry = RetryPolicy.Exponential(_random.Next(1, 4), TimeSpan.FromMilliseconds(10));
            _plan = new FakePlan(
                Phase.StartChildren("kids", Enumerable.Range(0, _count).Select(i => new ChildTask("child", "{}"))).WithRetry(retry),
                Phase.Run("after", _ => Task.CompletedTask).WithUndo(_ => Task.CompletedTask));
            _parent = new DeciderHarness(_plan, Rules);
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                for (var position = 0; position < _count; position++)
                {
                    if (_random.NextDouble() < 0.15)
                    {
                        _failing.Add(ChildTaskIds.For(DeciderHarness.TaskId, 0, attempt, position));
                    }
                }
            }
        }

        public List<string> Trace { get; } = [];

        public TaskLifecycleState Play()
        {
            Decide(() => _parent.Submit(), "submit");
            for (var step = 0; step < 400 && !_parent.State.IsSettled; step++)
            {
                Act(quiet: step > 300);
            }

            Check(_parent.State.IsSettled, $"the parent never settled; it is {_parent.State.State}");
            CheckEnding();
            return _parent.State.State;
        }

        private void Act(bool quiet)
        {
            var moving = _children.Values.Where(c => c.State is ChildState.Running or ChildState.Reverting).ToList();
            switch (_random.Next(10))
            {
                case 0 or 1 when moving.Count > 0:
                    Finish(moving[_random.Next(moving.Count)], lose: !quiet && _random.NextDouble() < 0.25);
                    break;
                case 2 or 3 when _inFlight.Count > 0:
                    var batch = _inFlight.Take(_random.Next(1, _inFlight.Count + 1)).ToList();
                    _inFlight.RemoveRange(0, batch.Count);
                    if (!quiet && _random.NextDouble() < 0.2)
                    {
                        _inFlight.AddRange(batch);
                    }

                    Decide(() => _parent.Send(new TaskSignal.Watched(batch)), $"reports {string.Join(" ", batch.Select(b => $"{b.WatchedTaskId}={b.State}"))}");
                    break;
                case 4:
                    Decide(() => _parent.Send(new TaskSignal.WaitDue(0)), "poll");
                    break;
                case 5 when !quiet && _random.NextDouble() < 0.3:
                    _parent = _parent.NextLife(_plan, Rules);
                    _inFlight.Clear();
                    Decide(() => _parent.Send(new TaskSignal.Recovered(null, EarlierRun: false)), "restart");
                    break;
                case 6 when !_cancelled && _random.NextDouble() < 0.1:
                    _cancelled = true;
                    Decide(() => _parent.Send(new TaskSignal.Cancel()), "cancel");
                    break;
                case 7 when _parent.Life.Work is { Kind: WorkKind.Attempt } work:
                    var fails = !quiet && _random.NextDouble() < 0.3;
                    Decide(
                        () => _parent.Send(new TaskSignal.AttemptFinished(work.RunId, fails ? new AttemptOutcome.Failed(TaskError.Of("Boom", "after failed"), RetryWanted: false) : new AttemptOutcome.Completed(null))),
                        fails ? "after fails" : "after completes");
                    break;
                case 8 when _parent.Life.Work is { Kind: WorkKind.Undo } undo:
                    Decide(() => _parent.Send(new TaskSignal.UndoFinished(undo.RunId, null)), "undo of after returns");
                    break;
                case 9 when _parent.State.InFlightPhase is { RetryAt: not null }:
                    Decide(() => _parent.Send(new TaskSignal.RetryDue(0)), "retry due");
                    break;
                default:
                    // Time passes: the next step may find more to do.
                    _parent.Now = _parent.Now.AddMilliseconds(20);
                    break;
            }
        }

        private void Finish(Child child, bool lose)
        {
            child.State = child.State == ChildState.Reverting || _failing.Contains(child.Id) ? ChildState.Reverted : ChildState.Succeeded;
            Trace.Add($"child {child.Id} ends {child.State}{(lose ? " (report lost)" : string.Empty)}");
            if (!lose)
            {
                _inFlight.Add(child.Report());
            }
        }

        private void Decide(Action decide, string what)
        {
            var before = _parent.State;
            _parent.Now = _parent.Now.AddMilliseconds(5);
            decide();
            Trace.Add($"{what}: {string.Join(", ", _parent.EventNames)} → {_parent.State.State}");
            CheckEvents(before);
            Perform();
        }

        private void Perform()
        {
            foreach (var effect in _parent.Last.Effects)
            {
                switch (effect)
                {
                    case TaskEffect.StartChildren start:
                        Check(start.Attempt == _parent.State.Phases[0].Attempts, $"children of attempt {start.Attempt} started while attempt {_parent.State.Phases[0].Attempts} is current");
                        foreach (var id in start.ChildIds)
                        {
                            _children.TryAdd(id, new Child(id));
                        }

                        break;
                    case TaskEffect.WatchTasks watch:
                        _inFlight.AddRange(watch.TaskIds.Select(id => _children.TryGetValue(id, out var c) ? c.Report() : new WatchedTaskState(DeciderHarness.TaskId, id, null, null, null)));
                        break;
                    case TaskEffect.CommandTasks commands:
                        foreach (var command in commands.Commands)
                        {
                            Command(command);
                        }

                        break;
                }
            }
        }

        private void Command(ITaskCommand command)
        {
            if (!_children.TryGetValue(command.TaskId, out var child))
            {
                return;
            }

            var phase = _parent.State.Phases[0];
            var siblings = _children.Values.Where(c => _parent.State.Awaited[c.Id].Attempt == _parent.State.Awaited[child.Id].Attempt).ToList();
            switch (command)
            {
                case UndoTask:
                    // Reverted only once none of its siblings runs, and newest first among those that succeeded.
                    Check(siblings.All(s => _parent.State.Awaited[s.Id].Known), $"{child.Id} is undone while a sibling may still run");
                    var newest = siblings.Where(s => _parent.State.Awaited[s.Id].Succeeded).MaxBy(s => (_parent.State.Awaited[s.Id].Finished, _parent.State.Awaited[s.Id].Position));
                    Check(newest?.Id == child.Id, $"{child.Id} is undone before the newer {newest?.Id}");
                    child.State = child.State == ChildState.Succeeded ? ChildState.Reverting : child.State == ChildState.Running ? ChildState.Reverting : child.State;
                    break;
                case CancelTask when child.State == ChildState.Running:
                    child.State = ChildState.Reverting;
                    break;
            }

            Trace.Add($"  {command.GetType().Name} {child.Id} → {child.State} (phase {phase.State})");
        }

        private void CheckEvents(TaskState before)
        {
            foreach (var @event in _parent.Last.Events)
            {
                switch (@event)
                {
                    case PhaseStarted { Index: 0, Attempt: > 1 } retry:
                        var previous = ChildTaskIds.AllOf(DeciderHarness.TaskId, 0, retry.Attempt - 1, _count);
                        Check(previous.All(id => !_children.TryGetValue(id, out var c) || c.State == ChildState.Reverted), $"attempt {retry.Attempt} started while children of attempt {retry.Attempt - 1} are not all reverted");
                        break;
                    case PhaseCompleted { Index: 0 }:
                        var current = ChildTaskIds.AllOf(DeciderHarness.TaskId, 0, before.Phases[0].Attempts, _count);
                        Check(current.All(id => _children.TryGetValue(id, out var c) && c.State == ChildState.Succeeded), "the children phase completed while not every child succeeded");
                        break;
                    case TaskReverted:
                        Check(_children.Values.All(c => c.State == ChildState.Reverted), $"the parent reverted while children are {string.Join(", ", _children.Values.Where(c => c.State != ChildState.Reverted).Select(c => $"{c.Id} {c.State}"))}");
                        break;
                }
            }
        }

        private void CheckEnding()
        {
            if (_parent.State.State == TaskLifecycleState.Succeeded)
            {
                var last = _parent.State.Phases[0].Attempts;
                foreach (var child in _children.Values)
                {
                    var attempt = _parent.State.Awaited[child.Id].Attempt;
                    Check(attempt == last ? child.State == ChildState.Succeeded : child.State == ChildState.Reverted, $"the parent succeeded while {child.Id} is {child.State}");
                }
            }
        }

        private void Check(bool holds, string promise)
        {
            if (!holds)
            {
                throw new InvalidOperationException(promise);
            }
        }

        private enum ChildState
        {
            Running,
            Succeeded,
            Reverting,
            Reverted,
        }

        private sealed class Child(string id)
        {
            public string Id { get; } = id;

            public ChildState State { get; set; } = ChildState.Running;

            public WatchedTaskState Report() => new(
                DeciderHarness.TaskId,
                Id,
                State switch
                {
                    ChildState.Succeeded => TaskLifecycleState.Succeeded,
                    ChildState.Reverted => TaskLifecycleState.Reverted,
                    ChildState.Reverting => TaskLifecycleState.Reverting,
                    _ => TaskLifecycleState.Running,
                },
                State == ChildState.Succeeded ? $"\"{Id}\"" : null,
                State == ChildState.Reverted ? TaskError.Of("ChildBoom", "it failed") : null);
        }
    }
}
