using System.Globalization;
using Akka.Configuration;

namespace PhaseFlow.Actors.Hosting;

/// <summary>How fast a node recovers its tasks, from its options, as HOCON over <c>hocon/phaseflow.conf</c>.</summary>
internal static class RecoveryThrottleConfig
{
    /// <summary>Writes the recovery limits.</summary>
    /// <param name="options">The node's options (validated).</param>
    /// <returns>The configuration.</returns>
    public static Config From(PhaseFlowOptions options) =>
        ConfigurationFactory.ParseString(
            "akka.persistence.max-concurrent-recoveries = " + options.MaxConcurrentRecoveries.ToString(CultureInfo.InvariantCulture));
}
