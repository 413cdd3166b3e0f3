using System.Globalization;
using Akka.Configuration;

namespace PhaseFlow.Actors.Hosting;

/// <summary>
/// The failure-detector and split-brain timings a node was given in its options, as HOCON over the shipped
/// defaults in <c>hocon/phaseflow.conf</c>. Together they decide how soon a dead node's tasks start elsewhere.
/// </summary>
internal static class ClusterTimingConfig
{
    /// <summary>Writes the timings that were set; an option left null keeps the HOCON default.</summary>
    /// <param name="options">The node's options.</param>
    /// <returns>The configuration, empty when nothing was set.</returns>
    public static Config From(PhaseFlowOptions options)
    {
        var lines = new List<string>();
        if (options.SplitBrainStableAfter is { } stableAfter)
        {
            lines.Add($"akka.cluster.split-brain-resolver.stable-after = {Milliseconds(stableAfter)}");
        }

        if (options.AcceptableHeartbeatPause is { } pause)
        {
            lines.Add($"akka.cluster.failure-detector.acceptable-heartbeat-pause = {Milliseconds(pause)}");
        }

        return lines.Count == 0 ? Config.Empty : ConfigurationFactory.ParseString(string.Join('\n', lines));
    }

    private static string Milliseconds(TimeSpan value) =>
        ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
}
