using System.Globalization;
using System.Text;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// The lines two texts do not share, as <c>-</c> (only in the old text) and <c>+</c> (only in the new one) lines with
/// the old text's line numbers: enough to read an approval test's failure without a diff tool.
/// </summary>
public static class LineDiff
{
    /// <summary>Describes how <paramref name="newLines"/> differs from <paramref name="oldLines"/>.</summary>
    /// <param name="oldLines">The old text's lines.</param>
    /// <param name="newLines">The new text's lines.</param>
    /// <param name="maxLines">How many changed lines to show at most; the rest are counted.</param>
    /// <returns>The changed lines, grouped by where they are; empty when the texts are equal.</returns>
    public static string Describe(IReadOnlyList<string> oldLines, IReadOnlyList<string> newLines, int maxLines = 60)
    {
        // The common head and tail are skipped first, so the quadratic part only sees the changed middle.
        var head = 0;
        while (head < oldLines.Count && head < newLines.Count && oldLines[head] == newLines[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < oldLines.Count - head && tail < newLines.Count - head && oldLines[^(tail + 1)] == newLines[^(tail + 1)])
        {
            tail++;
        }

        var a = oldLines.Skip(head).Take(oldLines.Count - head - tail).ToArray();
        var b = newLines.Skip(head).Take(newLines.Count - head - tail).ToArray();

        // Longest common subsequence of the middles, filled from the end so the walk below goes forwards.
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var text = new StringBuilder();
        var shown = 0;
        var hidden = 0;
        var lastHunkLine = -2;
        void Add(char sign, int oldLine, string line)
        {
            if (shown == maxLines)
            {
                hidden++;
                return;
            }

            if (oldLine != lastHunkLine && oldLine != lastHunkLine + 1)
            {
                text.Append(CultureInfo.InvariantCulture, $"@@ line {oldLine + 1} @@\n");
            }

            lastHunkLine = oldLine;
            text.Append(sign).Append(line).Append('\n');
            shown++;
        }

        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                x++;
                y++;
            }
            else if (x < a.Length && (y == b.Length || common[x + 1, y] >= common[x, y + 1]))
            {
                // On a tie the old line goes first, so a replaced line reads "-old" then "+new".
                Add('-', head + x, a[x]);
                x++;
            }
            else
            {
                Add('+', head + x, b[y]);
                y++;
            }
        }

        if (hidden > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"… and {hidden} more changed line(s)\n");
        }

        return text.ToString();
    }
}
