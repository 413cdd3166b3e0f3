using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Actors.Tasks.Schedules;

/// <summary>
/// Runs a <see cref="FaultSchedule"/> for real: a scripted task on a real SQLite journal, cancels sent and nodes aborted
/// (no shutdown, like a crash) at the scheduled points, a fresh node recovering the task after each abort.
/// </summary>
public static class ScheduleRunner
{
    private const string TaskId = "fuzzed";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly HashSet<string> SettledManifests = ["E-TS", "E-TR", "E-RF", "E-TSU"];

    /// <summary>Runs the schedule and reports what happened.</summary>
    public static async Task<ObservedOutcome> RunAsync(FaultSchedule schedule)
    {
        using var database = new TestDatabase();
        var runs = new RunLog(Path.Combine(database.Folder, "runs.log"));
        var script = ScriptFor(schedule, runs);
        var pending = schedule.Interventions.ToDictionary(i => (i.Point, i.Index), i => (Intervention: i, Gate: script.Close(i.Point, i.Index)));
        using var deadline = new CancellationTokenSource(Patience);

        var node = Start(database);
        try
        {
            await node.Submit(TaskId, ScriptedTask.Name, script.InputJson);
            var retried = false;
            while (true)
            {
                using var step = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
                var settled = WaitUntilSettledAsync(database, step.Token);
                var reached = pending.Values.Select(p => p.Gate.Reached).ToList();
                await Task.WhenAny([settled, .. reached]).WaitAsync(deadline.Token);
                await step.CancelAsync();

                var hit = pending.Values.FirstOrDefault(p => p.Gate.Reached.IsCompleted);
                if (hit.Gate is null)
                {
                    // Settled, or the wait for it failed (its message says what the journal held).
                    await settled;
                    if (!retried && schedule.RetryRevert && LastSettled(database) == "E-RF")
                    {
                        retried = true;
                        Expect<CommandAccepted>(await node.RetryRevert(TaskId));
                        continue;
                    }

                    break;
                }

                pending.Remove((hit.Intervention.Point, hit.Intervention.Index));
                if (hit.Intervention.Action == InterventionAction.Cancel)
                {
                    var reply = await node.Cancel(TaskId);
                    if (hit.Intervention.Point != GatePoint.Undo)
                    {
                        Expect<CommandAccepted>(reply);
                    }

                    hit.Gate.Release();
                    continue;
                }

                // A crash: the node stops at once, and the phase waiting at the gate never goes on (its process died).
                await node.Abort();
                hit.Gate.Abandon();
                script.Open(hit.Intervention.Point, hit.Intervention.Index);
                node = Start(database);
                node.Task(TaskId);
            }

            var linesWhenSettled = runs.Lines();
            var status = await node.Status(TaskId);
            await node.DisposeAsync();
            var lines = runs.Lines();
            return new ObservedOutcome(status.State, lines, linesWhenSettled.Count, database.JournalOf(PersistenceIdOf(TaskId)), schedule.Phases.Count);
        }
        finally
        {
            await node.DisposeAsync();
            foreach (var (_, gate) in pending.Values)
            {
                gate.Release();
            }
        }
    }

    private static Script ScriptFor(FaultSchedule schedule, RunLog runs)
    {
        var undoFailed = new HashSet<int>();
        return new Script(runs, schedule.Phases.Count)
        {
            PlanThrowsAt = schedule.PlanThrowsAt,
            Failure = (i, attempt) => attempt <= schedule.Phases[i].FailAttempts ? new IOException($"phase {i} attempt {attempt} fails on purpose") : null,
            RetryOf = i => RetryPolicy.Exponential(schedule.Phases[i].MaxAttempts, TimeSpan.Zero),
            Timeout = i => schedule.Phases[i].TimesOut ? TimeSpan.FromMilliseconds(100) : null,
            WaitsForTimeout = (i, attempt) => schedule.Phases[i].TimesOut && attempt == 1,
            UndoFailure = i =>
            {
                lock (undoFailed)
                {
                    return i >= 0 && schedule.Phases[i].UndoFailsOnce && undoFailed.Add(i) ? new IOException($"undo {i} fails once on purpose") : null;
                }
            },
        };
    }

    private static TaskNode Start(TestDatabase database) => TaskNode.Start(database, maxInterruptedRuns: ScheduleModel.MaxInterruptedRuns);

    private static Task WaitUntilSettledAsync(TestDatabase database, CancellationToken cancellationToken) =>
        // The journal is the truth: a settled state is its last event (a retried revert leaves an older RevertFailed behind it).
        Eventually.HoldsAsync(
            () => database.JournalOf(PersistenceIdOf(TaskId)).Manifests(),
            manifests => Assert.True(manifests.Count > 0 && SettledManifests.Contains(manifests[^1]), $"the task has not settled: {string.Join(", ", manifests)}"),
            Patience,
            interval: TimeSpan.FromMilliseconds(20),
            cancellationToken: cancellationToken);

    private static string? LastSettled(TestDatabase database) =>
        database.JournalOf(PersistenceIdOf(TaskId)).LastOrDefault(r => SettledManifests.Contains(r.Manifest))?.Manifest;

    private static string PersistenceIdOf(string taskId) => $"task-{taskId}";

    private static void Expect<T>(ICommandReply reply)
    {
        if (reply is not T)
        {
            throw new InvalidOperationException($"Expected {typeof(T).Name}, got {reply}.");
        }
    }
}

/// <summary>What a schedule's run left behind.</summary>
/// <param name="State">The task's final state.</param>
/// <param name="Lines">Every effect line, in order.</param>
/// <param name="LinesWhenSettled">How many lines there were when the journal first showed the final state.</param>
/// <param name="Journal">The task's journal rows.</param>
/// <param name="PhaseCount">The number of phases the script declares.</param>
public sealed record ObservedOutcome(
    TaskLifecycleState State,
    IReadOnlyList<string> Lines,
    int LinesWhenSettled,
    IReadOnlyList<JournalRow> Journal,
    int PhaseCount)
{
    public int Count(string line) => Lines.Count(l => l == line);

    public IReadOnlyList<int> JournalIndexes(string manifest) => Journal.IndexesOf(manifest);
}
