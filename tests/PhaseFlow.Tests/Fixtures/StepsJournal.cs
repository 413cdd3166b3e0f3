using Xunit;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>The file a <c>steps</c> task appends <c>run i</c> and <c>revert i</c> lines to: the witness of what really ran, and how often.</summary>
public static class StepsJournal
{
    /// <summary>
    /// Asserts that <c>run 0</c> … <c>run (count-1)</c> (the completed phases) each appear, each at most twice, and at most
    /// <paramref name="maxRepeated"/> of them twice (a phase in flight when its node died or handed off runs again).
    /// </summary>
    public static void AssertRan(string taskId, string[] lines, int count, int maxRepeated) =>
        AssertOnce(taskId, lines, "run", Enumerable.Range(0, count), maxRepeated);

    /// <summary>Asserts that the undos of <paramref name="indexes"/> each appear, each at most twice, at most <paramref name="maxRepeated"/> of them twice.</summary>
    public static void AssertReverted(string taskId, string[] lines, IEnumerable<int> indexes, int maxRepeated) =>
        AssertOnce(taskId, lines, "revert", indexes, maxRepeated);

    /// <summary>Waits until the file has at least <paramref name="count"/> lines; fails after 30 seconds.</summary>
    public static async Task WaitForLinesAsync(string file, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(File.Exists(file) && File.ReadAllLines(file).Length >= count))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{file} did not reach {count} lines");
            await Task.Delay(10);
        }
    }

    private static void AssertOnce(string taskId, string[] lines, string verb, IEnumerable<int> indexes, int maxRepeated)
    {
        var expected = indexes.ToList();
        var times = expected.ToDictionary(i => i, i => lines.Count(l => l == $"{verb} {i}"));
        var context = $"task {taskId}, lines: {string.Join(", ", lines)}";
        Assert.True(times.All(t => t.Value is 1 or 2), $"every '{verb} i' must appear once or twice; {context}");
        Assert.True(times.Count(t => t.Value == 2) <= maxRepeated, $"at most {maxRepeated} '{verb}' line(s) may repeat; {context}");
    }
}
