using System.Diagnostics;
using System.Globalization;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Host.Node;

/// <summary>
/// Child tasks against a real node process (one node, SQLite): a <c>steps</c> task's <c>children</c> survive a SIGKILL of
/// the node (while they run, right after the parent recorded the phase's start, and while the parent undoes them), a
/// failed child makes the parent undo its other children and then itself, a cancel of the parent undoes its children
/// first, a thousand children finish in reasonable time, and <c>waitForTask</c> waits across a restart, reports how the
/// other task ended and refuses to wait for the task itself. Each child writes its own journal file, the witness of what
/// really ran.
/// </summary>
public sealed class NodeChildTaskTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private NodeProcess _node = null!;

    public async Task InitializeAsync() => _node = await NodeProcess.StartFreshAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Kill9_WhileChildrenRun_EveryChildAndTheParentSucceedAndNoChildStartsTwice()
    {
        const int children = 3;
        const int steps = 4;
        var parentJournal = FileIn("parent.journal");
        await _node.SubmitAsync("steps", new { count = 1, journal = parentJournal, children = Children(children, i => new { count = steps, delayMs = 1000, journal = ChildJournal(i) }) }, "fam");
        var ids = ChildIds("fam", phaseNumber: 2, attempt: 1, children);
        for (var i = 0; i < children; i++)
        {
            // Every child is mid-phase: it wrote a line and has more to go.
            await StepsJournal.WaitForLinesAsync(ChildJournal(i), 1);
        }

        await _node.KillAsync();
        var atKill = await _node.Journal.ReadTasksAsync(ids);
        Assert.True(ids.Any(id => !atKill[id].Manifests().Contains("E-TS")), "every child had finished before the kill: the kill came too late to test anything");
        await _node.StartAsync();
        var parent = await _node.WaitForStateAsync("fam", TaskLifecycleState.Succeeded, Patience);

        Assert.Equal(["step-0", "children"], parent.Phases.Select(p => p.Name));
        Assert.Equal(children, parent.Phases[1].Output!.Value.GetArrayLength());
        Assert.Equal(["run 0"], File.ReadAllLines(parentJournal));
        for (var i = 0; i < children; i++)
        {
            Assert.Equal(TaskLifecycleState.Succeeded, (await _node.GetAsync(ids[i]))!.State);
            StepsJournal.AssertRanOnce(ids[i], File.ReadAllLines(ChildJournal(i)), steps, atKill[ids[i]]);
            var rows = await _node.Journal.ReadTaskAsync(ids[i]);
            Assert.Single(rows, r => r.Manifest == "E-TA");
            Assert.Equal(Enumerable.Range(0, steps), rows.IndexesOf("E-PC"));
        }

        // One start of the children phase, naming exactly the derived ids; no other child was ever started; one finish each.
        var parentRows = await _node.Journal.ReadTaskAsync("fam");
        var started = Assert.Single(parentRows, r => r.Manifest == "E-PS" && r.Index == 1);
        Assert.Equal(1, started.Event.GetProperty("attempt").GetInt32());
        Assert.Equal(ids, started.Event.GetProperty("wait").GetProperty("tasks").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(ids, await _node.Journal.TaskIdsAsync("fam:"));
        Assert.Equal(ids, parentRows.Where(r => r.Manifest == "E-ATS").Select(OtherTaskId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Kill9_RightAfterTheChildrenPhaseStarted_ChildrenNotYetSubmittedAreSubmittedOnceAfterTheRestart()
    {
        const int children = 200;
        await _node.SubmitAsync("steps", new { count = 1, children = Children(children, _ => new { count = 1 }) }, "kick");
        var ids = ChildIds("kick", phaseNumber: 2, attempt: 1, children);
        await Eventually.HoldsAsync(
            () => _node.Journal.ReadTaskAsync("kick"),
            rows => Assert.Contains(rows, r => r.Manifest == "E-PS" && r.Index == 1),
            Patience,
            interval: TimeSpan.FromMilliseconds(5));

        await _node.KillAsync();
        var existingAtKill = (await _node.Journal.TaskIdsAsync("kick:")).Count;
        var parentAtKill = await _node.Journal.ReadTaskAsync("kick");
        output.WriteLine($"at the kill {existingAtKill} of {children} children had written an event; the parent had recorded {parentAtKill.Count(r => r.Manifest == "E-ATS")} of them finished");
        await _node.StartAsync();
        var parent = await _node.WaitForStateAsync("kick", TaskLifecycleState.Succeeded, Patience);

        Assert.Equal(children, parent.Phases[1].Output!.Value.GetArrayLength());
        Assert.Equal(ids.Order(StringComparer.Ordinal), await _node.Journal.TaskIdsAsync("kick:"));
        var childRows = await _node.Journal.ReadTasksAsync(ids);
        Assert.All(ids, id => Assert.Single(childRows[id], r => r.Manifest == "E-TA"));
        Assert.All(ids, id => Assert.Single(childRows[id], r => r.Manifest == "E-TS"));
        var parentRows = await _node.Journal.ReadTaskAsync("kick");
        Assert.Single(parentRows, r => r.Manifest == "E-PS" && r.Index == 1);
        Assert.Equal(ids.Order(StringComparer.Ordinal), parentRows.Where(r => r.Manifest == "E-ATS").Select(OtherTaskId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ChildFails_WithNoRetryLeft_ParentRevertsItsOtherChildrenNewestFirstAndThenItsOwnSteps()
    {
        var parentJournal = FileIn("parent.journal");
        object[] inputs =
        [
            new { count = 2, journal = ChildJournal(0) },
            new { count = 2, journal = ChildJournal(1) },
            new { count = 2, delayMs = 1000, failAtPhase = 1, journal = ChildJournal(2) },
        ];
        await _node.SubmitAsync("steps", new { count = 2, journal = parentJournal, children = inputs }, "fail-fam");
        var ids = ChildIds("fail-fam", phaseNumber: 3, attempt: 1, inputs.Length);

        var parent = await _node.WaitForStateAsync("fail-fam", TaskLifecycleState.Reverted, Patience);

        Assert.Equal("ChildFailed", parent.Error?.Type);
        Assert.Contains($"'{ids[2]}'", parent.Error!.Message, StringComparison.Ordinal);
        var failed = (await _node.GetAsync(ids[2]))!;
        Assert.Equal(TaskLifecycleState.Reverted, failed.State);
        Assert.Equal(RevertReason.Failed, failed.Revert!.Reason);
        var childEnds = new List<DateTimeOffset> { AtOf((await _node.Journal.ReadTaskAsync(ids[2])).Single(r => r.Manifest == "E-TR")) };
        foreach (var i in new[] { 0, 1 })
        {
            var child = (await _node.GetAsync(ids[i]))!;
            Assert.Equal(TaskLifecycleState.Reverted, child.State);
            Assert.Equal(RevertReason.ParentReverted, child.Revert!.Reason);
            Assert.Equal(["run 0", "run 1", "revert 1", "revert 0"], File.ReadAllLines(ChildJournal(i)));
            var rows = await _node.Journal.ReadTaskAsync(ids[i]);
            Assert.Equal(["E-TS", "E-RS", "E-PR", "E-PR", "E-TR"], rows.Manifests().SkipWhile(m => m != "E-TS"));
            Assert.Equal(nameof(RevertReason.ParentReverted), rows.Single(r => r.Manifest == "E-RS").Event.GetProperty("reason").ToString());
            childEnds.Add(AtOf(rows.Single(r => r.Manifest == "E-TR")));
        }

        // The parent undid the succeeded children newest first, one at a time, and its own steps only after all of them.
        var parentRows = await _node.Journal.ReadTaskAsync("fail-fam");
        var succeededOrder = parentRows.Where(r => r.Manifest == "E-ATS" && StateOf(r) == "Succeeded").Select(OtherTaskId).ToList();
        var revertedOrder = parentRows.Where(r => r.Manifest == "E-ATS" && StateOf(r) == "Reverted" && r.Event.GetProperty("otherTaskId").GetString() != ids[2]).Select(OtherTaskId).ToList();
        Assert.Equal(Enumerable.Reverse(succeededOrder), revertedOrder);
        var stepReverts = parentRows.Where(r => r.Manifest == "E-PR" && r.Index < 2).ToList();
        Assert.Equal([1, 0], stepReverts.Select(r => r.Index));
        Assert.True(stepReverts.Min(AtOf) >= childEnds.Max(), $"the parent's steps were reverted from {stepReverts.Min(AtOf):O}, before its last child ended at {childEnds.Max():O}");
        var lastChildNews = parentRows.FindLastIndex(r => r.Manifest == "E-ATS");
        Assert.True(lastChildNews < parentRows.FindIndex(r => r.Manifest == "E-PR" && r.Index < 2), $"parent journal: {string.Join(", ", parentRows.Manifests())}");
        Assert.Equal(["run 0", "run 1", "revert 1", "revert 0"], File.ReadAllLines(parentJournal));
    }

    [Fact]
    public async Task CancelParent_WhileChildrenRun_RunningChildrenAreCancelledSucceededOnesRevertedBeforeTheParentEnds()
    {
        var parentJournal = FileIn("parent.journal");
        object[] inputs =
        [
            new { count = 1, journal = ChildJournal(0) },
            new { count = 5, delayMs = 1000, journal = ChildJournal(1) },
            new { count = 5, delayMs = 1000, journal = ChildJournal(2) },
        ];
        await _node.SubmitAsync("steps", new { count = 1, journal = parentJournal, children = inputs }, "cancel-fam");
        var ids = ChildIds("cancel-fam", phaseNumber: 2, attempt: 1, inputs.Length);
        await _node.WaitForStateAsync(ids[0], TaskLifecycleState.Succeeded, Patience);
        await StepsJournal.WaitForLinesAsync(ChildJournal(1), 1);

        using (var cancel = await _node.Http.PostAsync(PhaseFlowApi.Cancel("cancel-fam"), null))
        {
            Assert.True(cancel.IsSuccessStatusCode, $"cancel answered {(int)cancel.StatusCode}: {await cancel.Content.ReadAsStringAsync()}");
        }

        var parent = await _node.WaitForStateAsync("cancel-fam", TaskLifecycleState.Reverted, Patience);

        Assert.Equal(RevertReason.Cancelled, parent.Revert!.Reason);
        var succeeded = (await _node.GetAsync(ids[0]))!;
        Assert.Equal(TaskLifecycleState.Reverted, succeeded.State);
        Assert.Equal(RevertReason.ParentReverted, succeeded.Revert!.Reason);
        Assert.Equal(["run 0", "revert 0"], File.ReadAllLines(ChildJournal(0)));
        var childEnds = new List<DateTimeOffset>();
        for (var i = 0; i < ids.Count; i++)
        {
            var rows = await _node.Journal.ReadTaskAsync(ids[i]);
            Assert.Single(rows, r => r.Manifest == "E-TR");
            childEnds.Add(AtOf(rows.Single(r => r.Manifest == "E-TR")));
            if (i > 0)
            {
                var running = (await _node.GetAsync(ids[i]))!;
                Assert.Equal(TaskLifecycleState.Reverted, running.State);
                Assert.Equal(RevertReason.Cancelled, running.Revert!.Reason);
                Assert.DoesNotContain("E-TS", rows.Manifests());
                Assert.True(File.ReadAllLines(ChildJournal(i)).Count(l => l.StartsWith("run ", StringComparison.Ordinal)) < 5, $"child {ids[i]} ran to its end: it was not cancelled");
            }
        }

        var parentRows = await _node.Journal.ReadTaskAsync("cancel-fam");
        var parentEnd = AtOf(parentRows.Single(r => r.Manifest == "E-TR"));
        var stepReverted = AtOf(parentRows.Single(r => r.Manifest == "E-PR" && r.Index == 0));
        Assert.True(stepReverted >= childEnds.Max() && parentEnd >= childEnds.Max(), $"the parent reverted step-0 at {stepReverted:O} and ended at {parentEnd:O}, before its last child ended at {childEnds.Max():O}");
        Assert.Equal(["run 0", "revert 0"], File.ReadAllLines(parentJournal));
    }

    [Fact]
    public async Task Kill9_WhileTheParentRevertsItsChildren_TheRevertGoesOnAfterTheRestartOneChildAtATimeNewestFirst()
    {
        const int succeeding = 3;
        var inputs = Children(succeeding, i => new { count = 2, revertDelayMs = 1500, journal = ChildJournal(i) }).Append(new { count = 5, delayMs = 1000, journal = ChildJournal(succeeding) }).ToArray();
        await _node.SubmitAsync("steps", new { count = 1, children = inputs }, "undo-fam");
        var ids = ChildIds("undo-fam", phaseNumber: 2, attempt: 1, inputs.Length);
        foreach (var id in ids.Take(succeeding))
        {
            await _node.WaitForStateAsync(id, TaskLifecycleState.Succeeded, Patience);
        }

        using (var cancel = await _node.Http.PostAsync(PhaseFlowApi.Cancel("undo-fam"), null))
        {
            Assert.True(cancel.IsSuccessStatusCode, $"cancel answered {(int)cancel.StatusCode}: {await cancel.Content.ReadAsStringAsync()}");
        }

        // A child's first undo is done and its second is under way.
        await Eventually.HoldsAsync(
            () => Task.FromResult(Enumerable.Range(0, succeeding).Sum(i => File.ReadAllLines(ChildJournal(i)).Count(l => l.StartsWith("revert ", StringComparison.Ordinal)))),
            reverts => Assert.True(reverts >= 1, "no child has undone a phase yet"),
            Patience,
            interval: TimeSpan.FromMilliseconds(20));
        await _node.KillAsync();
        var atKill = await _node.Journal.ReadTasksAsync(ids);
        Assert.True(ids.Take(succeeding).Any(id => !atKill[id].Manifests().Contains("E-TR")), "every child was reverted before the kill: the kill came too late to test anything");
        await _node.StartAsync();
        var parent = await _node.WaitForStateAsync("undo-fam", TaskLifecycleState.Reverted, Patience);

        Assert.Equal(RevertReason.Cancelled, parent.Revert!.Reason);
        var reverts = new List<(string Id, DateTimeOffset Started, DateTimeOffset Ended)>();
        for (var i = 0; i < succeeding; i++)
        {
            var rows = await _node.Journal.ReadTaskAsync(ids[i]);
            Assert.Equal(TaskLifecycleState.Reverted, (await _node.GetAsync(ids[i]))!.State);
            Assert.Single(rows, r => r.Manifest == "E-RS");
            Assert.Single(rows, r => r.Manifest == "E-TR");
            StepsJournal.AssertRevertedOnce(ids[i], File.ReadAllLines(ChildJournal(i)), [1, 0], atKill[ids[i]]);
            reverts.Add((ids[i], AtOf(rows.Single(r => r.Manifest == "E-RS")), AtOf(rows.Single(r => r.Manifest == "E-TR"))));
        }

        var succeededAt = ids.Take(succeeding).ToDictionary(id => id, id => AtOf(atKill[id].Single(r => r.Manifest == "E-TS")));
        var byRevert = reverts.OrderBy(r => r.Started).ToList();
        Assert.Equal(succeededAt.OrderByDescending(p => p.Value).Select(p => p.Key), byRevert.Select(r => r.Id));
        foreach (var (before, after) in byRevert.Zip(byRevert.Skip(1)))
        {
            Assert.True(before.Ended <= after.Started, $"{after.Id} started reverting at {after.Started:O}, before {before.Id} had ended its revert at {before.Ended:O}");
        }

        var running = (await _node.GetAsync(ids[succeeding]))!;
        Assert.Equal(TaskLifecycleState.Reverted, running.State);
        Assert.Equal(RevertReason.Cancelled, running.Revert!.Reason);
        var parentEnd = AtOf((await _node.Journal.ReadTaskAsync("undo-fam")).Single(r => r.Manifest == "E-TR"));
        Assert.True(parentEnd >= byRevert[^1].Ended, $"the parent ended at {parentEnd:O}, before its last child's revert ended at {byRevert[^1].Ended:O}");
    }

    [Fact]
    public async Task ThousandChildren_OfOneParent_AllSucceedAndTheParentListsThem()
    {
        const int children = 1000;
        var clock = Stopwatch.StartNew();
        await _node.SubmitAsync("steps", new { count = 1, children = Children(children, _ => new { count = 1 }) }, "big");
        var parent = await _node.WaitForStateAsync("big", TaskLifecycleState.Succeeded, TimeSpan.FromMinutes(5));
        clock.Stop();

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{children} children: submit to parent Succeeded took {clock.Elapsed.TotalSeconds:F1} s"));
        var phase = parent.Phases[1];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"children phase: started {phase.StartedAt:O}, completed {phase.CompletedAt:O} ({(phase.CompletedAt - phase.StartedAt)?.TotalSeconds:F1} s)"));
        Assert.Equal(children, phase.Output!.Value.GetArrayLength());

        // The parent's status lists every child with its state; its journal holds the same list.
        var ids = ChildIds("big", phaseNumber: 2, attempt: 1, children);
        Assert.Equal(ids, parent.Children!.Select(c => c.Id));
        Assert.All(parent.Children!, c => Assert.Equal(TaskLifecycleState.Succeeded, c.State));
        var parentRows = await _node.Journal.ReadTaskAsync("big");
        var started = Assert.Single(parentRows, r => r.Manifest == "E-PS" && r.Index == 1);
        Assert.Equal(ids, started.Event.GetProperty("wait").GetProperty("tasks").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(ids.Order(StringComparer.Ordinal), parentRows.Where(r => r.Manifest == "E-ATS" && StateOf(r) == "Succeeded").Select(OtherTaskId).Order(StringComparer.Ordinal));
        Assert.Equal(ids.Order(StringComparer.Ordinal), await _node.Journal.TaskIdsAsync("big:"));
        var childRows = await _node.Journal.ReadTasksAsync(ids);
        Assert.All(ids, id => Assert.Equal(["E-TA", "E-PS", "E-PC", "E-TS"], childRows[id].Manifests()));
        Assert.Equal(TaskLifecycleState.Succeeded, (await _node.GetAsync(ids[^1]))!.State);
    }

    [Fact]
    public async Task WaitForTask_AcrossAKill9_CompletesWhenTheOtherTaskFinishes()
    {
        var targetJournal = FileIn("target.journal");
        await _node.SubmitAsync("steps", new { count = 4, delayMs = 1000, journal = targetJournal }, "target");
        await _node.SubmitAsync("steps", new { count = 1, waitForTask = "target" }, "waiter");
        await _node.WaitForTaskAsync("waiter", s => Assert.Equal(PhaseWaitKind.Task, s.Phases.ElementAtOrDefault(1)?.Waiting?.Kind), Patience);
        await StepsJournal.WaitForLinesAsync(targetJournal, 1);

        await _node.KillAsync();
        var targetAtKill = await _node.Journal.ReadTaskAsync("target");
        await _node.StartAsync();
        var waiter = await _node.WaitForStateAsync("waiter", TaskLifecycleState.Succeeded, Patience);

        var target = (await _node.GetAsync("target"))!;
        Assert.Equal(TaskLifecycleState.Succeeded, target.State);
        StepsJournal.AssertRanOnce("target", File.ReadAllLines(targetJournal), 4, targetAtKill);
        Assert.Equal(["step-0", "wait-for-task"], waiter.Phases.Select(p => p.Name));
        var outcome = waiter.Phases[1].Output!.Value;
        Assert.Equal("target", outcome.GetProperty("taskId").GetString());
        Assert.Equal("Succeeded", outcome.GetProperty("state").GetString());
        Assert.True(waiter.Phases[1].CompletedAt >= target.Phases[^1].CompletedAt, $"the wait ended at {waiter.Phases[1].CompletedAt:O}, before the target's last phase at {target.Phases[^1].CompletedAt:O}");
        Assert.Single(await _node.Journal.ReadTaskAsync("waiter"), r => r.Manifest == "E-ATS");
    }

    [Fact]
    public async Task WaitForTask_ATaskThatEndsReverted_CompletesWithThatOutcome()
    {
        await _node.SubmitAsync("steps", new { count = 2, delayMs = 500, failAtPhase = 1 }, "doomed");
        await _node.SubmitAsync("steps", new { count = 1, waitForTask = "doomed" }, "mourner");

        var waiter = await _node.WaitForStateAsync("mourner", TaskLifecycleState.Succeeded, Patience);

        Assert.Equal(TaskLifecycleState.Reverted, (await _node.GetAsync("doomed"))!.State);
        var outcome = waiter.Phases[1].Output!.Value;
        Assert.Equal("doomed", outcome.GetProperty("taskId").GetString());
        Assert.Equal("Reverted", outcome.GetProperty("state").GetString());
        Assert.Contains("failed on purpose", outcome.GetProperty("error").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForTask_ATaskThatDoesNotExist_FailsWithTaskNotFound()
    {
        await _node.SubmitAsync("steps", new { count = 1, waitForTask = "nobody" }, "lonely");

        var status = await _node.WaitForStateAsync("lonely", TaskLifecycleState.Reverted, Patience);

        Assert.Equal("TaskNotFound", status.Error?.Type);
        Assert.Equal("Phase 2 'wait-for-task' waits for task 'nobody', and no task has that id.", status.Error!.Message);
        Assert.Null(await _node.GetAsync("nobody"));
    }

    [Fact]
    public async Task WaitForTask_ItsOwnId_FailsWithWaitCycleBeforeThePhaseStarts()
    {
        var journal = FileIn("self.journal");
        await _node.SubmitAsync("steps", new { count = 1, journal, waitForTask = "self-wait" }, "self-wait");

        var status = await _node.WaitForStateAsync("self-wait", TaskLifecycleState.Reverted, Patience);

        Assert.Equal("WaitCycle", status.Error?.Type);
        Assert.Equal("Phase 2 'wait-for-task' would wait for task 'self-wait', which is this task itself, so it would wait for ever; the phase was not started.", status.Error!.Message);
        Assert.Equal(["step-0"], status.Phases.Select(p => p.Name));
        Assert.Equal(RevertReason.Failed, status.Revert!.Reason);
        Assert.Equal(["run 0", "revert 0"], File.ReadAllLines(journal));
        Assert.DoesNotContain(await _node.Journal.ReadTaskAsync("self-wait"), r => r.Manifest == "E-PS" && r.Index == 1);
    }

    private static object[] Children(int count, Func<int, object> input) => [.. Enumerable.Range(0, count).Select(input)];

    /// <summary>The ids a parent derives for its children: <c>parent:phase.attempt.position</c>, each 1-based.</summary>
    private static List<string> ChildIds(string parentId, int phaseNumber, int attempt, int count) =>
        [.. Enumerable.Range(1, count).Select(position => string.Create(CultureInfo.InvariantCulture, $"{parentId}:{phaseNumber}.{attempt}.{position}"))];

    private static DateTimeOffset AtOf(JournalRow row) => row.Event.GetProperty("at").GetDateTimeOffset();

    private static string OtherTaskId(JournalRow row) => row.Event.GetProperty("otherTaskId").GetString()!;

    private static string StateOf(JournalRow row) => row.Event.GetProperty("state").ToString();

    private string FileIn(string name) => Path.Combine(_node.Folder, name);

    private string ChildJournal(int position) => FileIn($"child-{position}.journal");
}
