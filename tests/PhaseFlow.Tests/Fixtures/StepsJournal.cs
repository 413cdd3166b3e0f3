using Xunit;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>The file a <c>steps</c> task appends <c>run i</c> and <c>revert i</c> lines to: the witness of what really ran.</summary>
public static class StepsJournal
{
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
}
