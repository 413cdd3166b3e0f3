using System.Globalization;
using System.Text.RegularExpressions;

namespace PhaseFlow.Host.Cli;

/// <summary>Reads a duration a user typed: a whole number of seconds (<c>90</c>) or with a unit (<c>90s</c>, <c>2m</c>, <c>1h</c>).</summary>
internal static partial class CliDuration
{
    /// <summary>What a duration may look like, for error messages.</summary>
    public const string Allowed = "a whole number of seconds (90), or with a unit: 90s, 2m, 1h";

    /// <summary>Reads a duration.</summary>
    /// <param name="text">The text.</param>
    /// <param name="duration">The duration, when the text is one.</param>
    /// <returns>Whether the text is a duration.</returns>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = text is null ? null : Shape().Match(text.Trim());
        if (match is not { Success: true }
            || !long.TryParse(match.Groups["amount"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            || amount > 1_000_000)
        {
            return false;
        }

        duration = match.Groups["unit"].Value switch
        {
            "m" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            _ => TimeSpan.FromSeconds(amount),
        };
        return true;
    }

    [GeneratedRegex(@"^(?<amount>[0-9]{1,7})(?<unit>[smh]?)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
