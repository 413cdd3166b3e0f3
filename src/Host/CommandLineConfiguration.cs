using Microsoft.Extensions.Configuration;
using PhaseFlow.Actors.Hosting;

namespace PhaseFlow.Host;

/// <summary>Maps the node's short command-line flags onto the <c>PhaseFlow</c> configuration section.</summary>
internal static class CommandLineConfiguration
{
    private static readonly Dictionary<string, string> SwitchMappings = new(StringComparer.Ordinal)
    {
        ["--sqlite"] = $"{PhaseFlowOptions.SectionName}:{nameof(PhaseFlowOptions.SqlitePath)}",
        ["--akka-host"] = $"{PhaseFlowOptions.SectionName}:{nameof(PhaseFlowOptions.AkkaHost)}",
        ["--akka-port"] = $"{PhaseFlowOptions.SectionName}:{nameof(PhaseFlowOptions.AkkaPort)}",
    };

    /// <summary>Adds the flags <c>--sqlite PATH</c>, <c>--akka-host HOST</c> and <c>--akka-port N</c>.</summary>
    /// <param name="configuration">The host's configuration.</param>
    /// <param name="args">The command-line arguments.</param>
    /// <returns>The same configuration.</returns>
    public static IConfigurationBuilder AddPhaseFlowCommandLine(this IConfigurationBuilder configuration, string[] args) =>
        configuration.AddCommandLine(args, SwitchMappings);
}
