using Microsoft.Extensions.Logging;

namespace PhaseFlow.Host.Node;

/// <summary>The node's log filters for each <see cref="NodeLogLevel"/>: PhaseFlow's lines at the level, everyone else's one step quieter.</summary>
internal static class NodeLogging
{
    /// <summary>The category of the node's own lines (the ready line, the HTTP address).</summary>
    public const string NodeCategory = "PhaseFlow.Node";

    /// <summary>The values <c>--log-level</c> accepts, in the words of the flag.</summary>
    public static IReadOnlyList<string> Names { get; } = ["error", "warning", "info", "debug"];

    /// <summary>Reads a <c>--log-level</c> value (case-insensitive).</summary>
    /// <param name="value">The value given.</param>
    /// <param name="level">The level, when the value is one of <see cref="Names"/>.</param>
    /// <returns>Whether the value is a level.</returns>
    public static bool TryParse(string? value, out NodeLogLevel level)
    {
        var index = Names.ToList().FindIndex(n => string.Equals(n, value?.Trim(), StringComparison.OrdinalIgnoreCase));
        level = index < 0 ? NodeLogLevel.Info : (NodeLogLevel)index;
        return index >= 0;
    }

    /// <summary>Sets the filters of <paramref name="level"/>, replacing any from configuration.</summary>
    /// <param name="logging">The host's logging.</param>
    /// <param name="level">The level.</param>
    /// <returns>The same logging builder.</returns>
    public static ILoggingBuilder SetNodeLevel(this ILoggingBuilder logging, NodeLogLevel level)
    {
        var (phaseflow, others) = level switch
        {
            NodeLogLevel.Error => (LogLevel.Error, LogLevel.Error),
            NodeLogLevel.Warning => (LogLevel.Warning, LogLevel.Warning),
            NodeLogLevel.Debug => (LogLevel.Debug, LogLevel.Information),
            _ => (LogLevel.Information, LogLevel.Warning),
        };

        // Akka's INFO lines (remoting, gossip, singletons) drown the node's own at the default level, so others are a step quieter.
        // ASP.NET Core's INFO lines are one per request; they stay at warnings even with debug.
        // A rule without a category, added after the configuration's, overrides its "Default"; more specific rules from
        // configuration (Logging:LogLevel:Akka) still apply.
        return logging
            .SetMinimumLevel(others)
            .AddFilter((string?)null, others)
            .AddFilter("PhaseFlow", phaseflow)
            .AddFilter("Microsoft.AspNetCore", others < LogLevel.Warning ? LogLevel.Warning : others);
    }
}
