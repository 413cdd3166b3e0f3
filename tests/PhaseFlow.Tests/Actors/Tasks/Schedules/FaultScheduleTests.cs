using System.Diagnostics;
using System.Globalization;
using CsCheck;
using PhaseFlow.Contracts;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Actors.Tasks.Schedules;

/// <summary>
/// Randomized fault schedules: generated task scripts (1–8 phases; failures by phase and attempt; retry policies; a plan
/// that throws; failing undos; timeouts with bodies that ignore their token) and schedules (cancels and node aborts at
/// points of the task's progress, restarts, a retried revert), each run on a real SQLite journal and checked against
/// <see cref="ScheduleModel"/>. A failure prints the shrunk schedule and the seed to run it again with.
/// </summary>
/// <remarks>CI runs 200 schedules; <c>PHASEFLOW_FUZZ_SCHEDULES=N</c> runs N, <c>PHASEFLOW_FUZZ_SEED=S</c> replays one seed.</remarks>
public sealed class FaultScheduleTests(ITestOutputHelper output)
{
    private static readonly Gen<PhaseScript> PhaseGen =
        Gen.Select(Gen.Int[0, 3], Gen.Int[1, 3], Gen.Int[0, 7], Gen.Int[0, 5], (fail, max, timeout, undoFails) =>
            new PhaseScript(Math.Min(fail, 3), max, timeout == 0, undoFails == 0));

    private static readonly Gen<InterventionAction?> ActionGen =
        Gen.Int[0, 9].Select(n => n switch { <= 5 => (InterventionAction?)null, <= 7 => InterventionAction.Cancel, _ => InterventionAction.Crash });

    private static readonly Gen<FaultSchedule> ScheduleGen =
        from count in Gen.Int[1, 8]
        from phases in PhaseGen.Array[count]
        from throwsAt in Gen.Int[0, 3 * count]
        from actions in ActionGen.Array[3 * count]
        from retryRevert in Gen.Bool
        select new FaultSchedule(
            phases,
            throwsAt <= count && throwsAt % 2 == 0 ? throwsAt / 2 : null,
            [.. Enumerable.Range(0, count)
                .Where(i => !phases[i].TimesOut)
                .SelectMany(i => new[] { GatePoint.BeforeEffect, GatePoint.AfterEffect, GatePoint.Undo }.Select((point, k) => (i, point, action: actions[(3 * i) + k])))
                .Where(x => x.action is not null)
                .Select(x => new Intervention(x.point, x.i, x.action!.Value))],
            retryRevert);

    [Fact]
    public async Task Schedules_Generated_EveryOutcomeMatchesTheReferenceModel()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("PHASEFLOW_FUZZ_SCHEDULES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 200;
        var seed = Environment.GetEnvironmentVariable("PHASEFLOW_FUZZ_SEED");
        var clock = Stopwatch.StartNew();

        await ScheduleGen.SampleAsync(
            async schedule => Check(schedule, ScheduleModel.Expect(schedule), await ScheduleRunner.RunAsync(schedule)),
            writeLine: output.WriteLine,
            seed: seed,
            iter: count,
            threads: 4,
            print: s => s.ToString());

        output.WriteLine($"{count} schedules in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public void Model_KnownSchedules_GiveTheOutcomesTheRulesSay()
    {
        var crashTwice = new FaultSchedule(
            [new PhaseScript(0, 2, false, false)],
            null,
            [new(GatePoint.BeforeEffect, 0, InterventionAction.Crash), new(GatePoint.AfterEffect, 0, InterventionAction.Crash)],
            false);
        var cancelled = new FaultSchedule(
            [new PhaseScript(0, 1, false, false), new PhaseScript(0, 1, false, false)],
            null,
            [new(GatePoint.AfterEffect, 1, InterventionAction.Cancel)],
            false);

        var afterCrashes = ScheduleModel.Expect(crashTwice);
        var afterCancel = ScheduleModel.Expect(cancelled);

        // Two interrupted runs fail attempt 1 (one with its effect); attempt 2 runs once more and completes.
        Assert.Equal(TaskLifecycleState.Succeeded, afterCrashes.State);
        Assert.Equal([2], afterCrashes.Runs);
        Assert.Equal(TaskLifecycleState.Reverted, afterCancel.State);
        Assert.Equal([1, 0], afterCancel.Undone);
    }

    /// <summary>What a phase or an undo did (not the plan's own "plan closed", which runs when the plan is closed after the end).</summary>
    private static bool IsEffect(string line) => line.StartsWith("run ", StringComparison.Ordinal) || line.StartsWith("undo", StringComparison.Ordinal);

    /// <summary>A journal row for a failure message: its manifest, with the error of a failed attempt or revert.</summary>
    private static string Describe(JournalRow row)
    {
        using var json = System.Text.Json.JsonDocument.Parse(row.Json);
        return json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == System.Text.Json.JsonValueKind.Object
            ? $"{row.Manifest}({error.GetProperty("message").GetString()})"
            : row.Manifest;
    }

    private static void Check(FaultSchedule schedule, ExpectedOutcome expected, ObservedOutcome observed)
    {
        var log = string.Join(" | ", observed.Lines);
        Require(expected.State == observed.State, $"final state {observed.State}, the model says {expected.State}");
        for (var i = 0; i < schedule.Phases.Count; i++)
        {
            Require(expected.Runs[i] == observed.Count($"run {i}"), $"phase {i} ran {observed.Count($"run {i}")} time(s), the model says {expected.Runs[i]}");
            Require(expected.UndoStarts[i] == observed.Count($"undo-start {i}"), $"undo {i} started {observed.Count($"undo-start {i}")} time(s), the model says {expected.UndoStarts[i]}");
        }

        var undone = observed.Lines.Where(l => l.StartsWith("undo ", StringComparison.Ordinal)).Select(l => int.Parse(l[5..], CultureInfo.InvariantCulture)).ToList();
        Require(expected.Undone.SequenceEqual(undone), $"undos [{string.Join(", ", undone)}], the model says [{string.Join(", ", expected.Undone)}]");
        Require(expected.Completed.SequenceEqual(observed.JournalIndexes("E-PC")), $"completions recorded [{string.Join(", ", observed.JournalIndexes("E-PC"))}], the model says [{string.Join(", ", expected.Completed)}]");
        Require(expected.Undone.Order().SequenceEqual(observed.JournalIndexes("E-PR").Order()), $"undos recorded [{string.Join(", ", observed.JournalIndexes("E-PR"))}]");
        var late = observed.Lines.Skip(observed.LinesWhenSettled).Where(IsEffect).ToList();
        Require(late.Count == 0, $"effects after the task reported its final state: {string.Join(", ", late)}");
        Require(observed.Journal.Count(r => r.Manifest is "E-TS" or "E-TR") <= 1, "the task ended twice");

        void Require(bool condition, string what)
        {
            if (!condition)
            {
                throw new InvalidOperationException($"{what}. Effects: {log}. Journal: {string.Join(", ", observed.Journal.Select(Describe))}");
            }
        }
    }
}
