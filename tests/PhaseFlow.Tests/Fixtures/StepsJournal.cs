using System.Globalization;
using Xunit;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// The file a <c>steps</c> task appends <c>run i</c> and <c>revert i</c> lines to (its <c>journal</c> input): the
/// witness of what really ran, and how often, held against what the task's event journal recorded.
/// </summary>
public static class StepsJournal
{
    /// <summary>
    /// Asserts that <c>run 0</c> … <c>run (count-1)</c> each appear exactly once, except the phase that was in flight
    /// when the task was interrupted (a kill), which may appear twice: its line may have been written before the kill
    /// and its completion not stored. Which phase that was comes from the task's event journal as it was right after
    /// the kill: the first phase without a <c>PhaseCompleted</c> (E-PC).
    /// </summary>
    /// <param name="taskId">The task, for the failure message.</param>
    /// <param name="lines">The lines of its file.</param>
    /// <param name="count">How many phases it has.</param>
    /// <param name="journalAtKill">The task's event journal rows read after the kill and before anything resumed it; null when it was never interrupted.</param>
    public static void AssertRanOnce(string taskId, string[] lines, int count, IReadOnlyList<JournalRow>? journalAtKill = null)
    {
        var completed = journalAtKill?.IndexesOf("E-PC") ?? [];
        var inFlight = journalAtKill is null ? (int?)null : Enumerable.Range(0, count).Cast<int?>().FirstOrDefault(i => !completed.Contains(i!.Value));
        AssertEachOnce(taskId, lines, "run", Enumerable.Range(0, count), inFlight, $"completed at the kill: [{string.Join(", ", completed)}]");
    }

    /// <summary>
    /// Asserts that the undos of <paramref name="revertOrder"/> each appear exactly once, except the undo that was in
    /// flight at the kill (the first in <paramref name="revertOrder"/> without a <c>PhaseReverted</c>, E-PR, in the
    /// task's event journal right after the kill), which may appear twice.
    /// </summary>
    /// <param name="taskId">The task, for the failure message.</param>
    /// <param name="lines">The lines of its file.</param>
    /// <param name="revertOrder">The phases the revert undoes, in the order it undoes them.</param>
    /// <param name="journalAtKill">The task's event journal rows read after the kill and before anything resumed it.</param>
    public static void AssertRevertedOnce(string taskId, string[] lines, IReadOnlyList<int> revertOrder, IReadOnlyList<JournalRow> journalAtKill)
    {
        var reverted = journalAtKill.IndexesOf("E-PR");
        var inFlight = revertOrder.Cast<int?>().FirstOrDefault(i => !reverted.Contains(i!.Value));
        AssertEachOnce(taskId, lines, "revert", revertOrder, inFlight, $"reverted at the kill: [{string.Join(", ", reverted)}]");
    }

    /// <summary>
    /// For hand-offs (a graceful stop, a restart, a shard moved), where no single moment tells which phase was in
    /// flight: asserts from the task's final event journal that every phase completed exactly once and no phase was
    /// started again after its completion was stored, and that each <c>run i</c> line has a recorded start: a phase
    /// runs again only when a start of it was interrupted, and every run of it is one the journal knows.
    /// </summary>
    /// <param name="taskId">The task, for the failure message.</param>
    /// <param name="lines">The lines of its file.</param>
    /// <param name="count">How many phases it has.</param>
    /// <param name="journal">The task's event journal rows, read after it settled.</param>
    public static void AssertNoCompletedPhaseRanAgain(string taskId, string[] lines, int count, IReadOnlyList<JournalRow> journal)
    {
        var context = $"task {taskId}: journal {string.Join(", ", journal.Select(r => r.Manifest is "E-PS" or "E-PC" ? $"{r.Manifest}({r.Index})" : r.Manifest))}; lines: {string.Join(", ", lines)}";
        Assert.True(journal.IndexesOf("E-PC").SequenceEqual(Enumerable.Range(0, count)), $"every phase must complete once, in order; {context}");
        foreach (var i in Enumerable.Range(0, count))
        {
            var completedAt = journal.First(r => r.Manifest == "E-PC" && r.Index == i).SequenceNr;
            var starts = journal.Where(r => r.Manifest == "E-PS" && r.Index == i).ToList();
            Assert.True(starts.All(s => s.SequenceNr < completedAt), $"phase {i} was started again after its completion was stored; {context}");
            var runs = lines.Count(l => l == $"run {i}");
            Assert.True(runs >= 1 && runs <= starts.Count, $"'run {i}' appears {runs} time(s) for {starts.Count} recorded start(s); {context}");
        }
    }

    /// <summary>
    /// Asserts, from the <c>start i T P</c> and <c>end i T P</c> lines of a <c>timed</c> steps task, that no two runs of
    /// the task's phases overlapped in time: the task never ran on two nodes at once. A run without an end line was cut
    /// short by its process dying; it ended when that process exited.
    /// </summary>
    /// <param name="taskId">The task, for the failure message.</param>
    /// <param name="lines">The lines of its file.</param>
    /// <param name="exitOf">When the process with the given id exited, or <see langword="null"/> when it still runs.</param>
    /// <returns>How many runs there were.</returns>
    public static int AssertRunsNeverOverlapped(string taskId, string[] lines, Func<int, DateTimeOffset?> exitOf)
    {
        var runs = new List<(int Phase, int Pid, long Start, long? End)>();
        foreach (var fields in lines.Select(l => l.Split(' ')).Where(f => f.Length == 4 && f[0] is "start" or "end"))
        {
            var (phase, time, pid) = (int.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[2], CultureInfo.InvariantCulture), int.Parse(fields[3], CultureInfo.InvariantCulture));
            if (fields[0] == "start")
            {
                runs.Add((phase, pid, time, null));
            }
            else
            {
                var open = runs.FindIndex(r => r.Phase == phase && r.Pid == pid && r.End is null);
                Assert.True(open >= 0, $"task {taskId}: 'end {phase}' of process {pid} has no start; lines: {string.Join(", ", lines)}");
                runs[open] = runs[open] with { End = time };
            }
        }

        var ordered = runs
            .Select(r => (r.Phase, r.Pid, r.Start, End: r.End ?? exitOf(r.Pid)?.ToUnixTimeMilliseconds() ?? long.MaxValue))
            .OrderBy(r => r.Start)
            .ToList();
        foreach (var (before, after) in ordered.Zip(ordered.Skip(1)))
        {
            Assert.True(
                before.End <= after.Start,
                $"task {taskId}: phase {before.Phase} ran in process {before.Pid} from {before.Start} to {(before.End == long.MaxValue ? "(still running)" : before.End)}, overlapping phase {after.Phase} in process {after.Pid} from {after.Start}");
        }

        return ordered.Count;
    }

    /// <summary>Waits until the file has at least <paramref name="count"/> lines.</summary>
    public static Task WaitForLinesAsync(string file, int count) =>
        Eventually.HoldsAsync(
            () => File.Exists(file) ? File.ReadAllLines(file) : [],
            lines => Assert.True(lines.Length >= count, $"{file} has {lines.Length} of {count} lines"));

    private static void AssertEachOnce(string taskId, string[] lines, string verb, IEnumerable<int> indexes, int? inFlight, string journal)
    {
        foreach (var i in indexes)
        {
            var times = lines.Count(l => l == $"{verb} {i}");
            var allowed = i == inFlight ? "once, or twice as it was in flight at the kill" : "exactly once";
            Assert.True(
                times == 1 || (i == inFlight && times == 2),
                $"task {taskId}: '{verb} {i}' appears {times} time(s); it must appear {allowed} ({journal}); lines: {string.Join(", ", lines)}");
        }
    }
}
