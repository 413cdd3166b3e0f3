using System.Globalization;
using System.Text;

namespace PhaseFlow.Bench;

/// <summary>The printed result: one row per measurement, PhaseFlow next to its reference, their ratio and the target.</summary>
internal sealed class ResultTable
{
    private readonly List<string[]> _rows = [["measure", "PhaseFlow", "reference", "ratio", "target", "met"]];

    public void Add(string measure, string value, string reference = "", string ratio = "", string target = "", bool? met = null) =>
        _rows.Add([measure, value, reference, ratio, target, met switch { true => "yes", false => "NO", null => "" }]);

    public static string Number(double value, int decimals = 0) =>
        double.IsNaN(value) ? "n/a" : value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public override string ToString()
    {
        var widths = Enumerable.Range(0, _rows[0].Length).Select(c => _rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        for (var r = 0; r < _rows.Count; r++)
        {
            text.AppendLine(string.Join(" | ", _rows[r].Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
            if (r == 0)
            {
                text.AppendLine(string.Join("-|-", widths.Select(w => new string('-', w))));
            }
        }

        return text.ToString();
    }
}
