using System.Globalization;
using PhaseFlow.Contracts.Queries;

namespace PhaseFlow.Host.Cli;

/// <summary>How the verbs write times and durations: one format everywhere, the same on every machine.</summary>
internal static class CliText
{
    /// <summary>Formats an instant in UTC, to the second, e.g. <c>2025-01-31 14:05:09Z</c>.</summary>
    /// <param name="at">The instant, or <see langword="null"/>.</param>
    /// <returns>The text, or <c>-</c> for <see langword="null"/>.</returns>
    public static string Time(DateTimeOffset? at) =>
        at is null ? "-" : at.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Says why a task waits for a phase's body, e.g. <c>phase 2 timed out at …; waiting for its body to return</c>.</summary>
    /// <param name="index">The phase's 0-based index.</param>
    /// <param name="stopping">Why and since when the body was told to stop.</param>
    /// <returns>The text.</returns>
    public static string Waiting(int index, PhaseStopping stopping)
    {
        var what = stopping.Reason switch
        {
            PhaseStopReason.TimedOut => "timed out",
            PhaseStopReason.Cancelled => "was cancelled",
            _ => "is still running from before a restart",
        };
        return string.Create(CultureInfo.InvariantCulture, $"phase {index + 1} {what} at {Time(stopping.Since)}; waiting for its body to return");
    }

    /// <summary>Formats a duration compactly, e.g. <c>4s</c>, <c>3m07s</c>, <c>2h05m</c>.</summary>
    /// <param name="duration">The duration; negative values (clock skew) count as zero.</param>
    /// <returns>The text.</returns>
    public static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            duration = TimeSpan.Zero;
        }

        return duration.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours}h{duration.Minutes:00}m")
            : duration.TotalMinutes >= 1
                ? string.Create(CultureInfo.InvariantCulture, $"{duration.Minutes}m{duration.Seconds:00}s")
                : string.Create(CultureInfo.InvariantCulture, $"{duration.Seconds}s");
    }
}
