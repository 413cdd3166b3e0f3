using System.ComponentModel;
using Spectre.Console.Cli;

namespace PhaseFlow.Host.Cli;

/// <summary>The settings of the verbs that follow a task's event stream (<c>watch</c>, <c>submit --wait</c>).</summary>
internal abstract class FollowSettings : ServerSettings
{
    /// <summary>How long a follower keeps reconnecting when it gets no flag or variable: long enough for a node to restart.</summary>
    public static readonly TimeSpan DefaultReconnectFor = TimeSpan.FromMinutes(2);

    [CommandOption("--reconnect-for <DURATION>")]
    [Description("How long to keep reconnecting when the node stops answering (a restart, a failover), e.g. 90s, 5m. Default: $PHASEFLOW_RECONNECT_FOR, else 2m.")]
    public string? ReconnectFor { get; init; }

    /// <summary>Resolves how long to keep reconnecting: the flag, else the variable, else <see cref="DefaultReconnectFor"/>.</summary>
    /// <param name="environment">Where the variable is read.</param>
    /// <param name="window">How long to keep reconnecting.</param>
    /// <param name="error">What is wrong with the flag or variable, when it is not a duration.</param>
    /// <returns>Whether the value could be read.</returns>
    public bool TryResolveReconnectFor(CliEnvironment environment, out TimeSpan window, out string error)
    {
        var (text, source) = ReconnectFor is not null
            ? (ReconnectFor, "--reconnect-for")
            : (environment.GetVariable(CliEnvironment.ReconnectForVariable), CliEnvironment.ReconnectForVariable);
        error = string.Empty;
        window = DefaultReconnectFor;
        if (text is null || CliDuration.TryParse(text, out window))
        {
            return true;
        }

        error = $"{source} must be {CliDuration.Allowed}; got '{text}'";
        return false;
    }
}
