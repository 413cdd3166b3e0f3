using System.ComponentModel;
using Spectre.Console.Cli;

namespace PhaseFlow.Host.Cli;

/// <summary>The flag every client verb has: which node to talk to.</summary>
internal class ServerSettings : CommandSettings
{
    [CommandOption("--server <URL>")]
    [Description("The node's HTTP API. Default: $PHASEFLOW_SERVER, else http://127.0.0.1:5080.")]
    public string? Server { get; init; }

    [CommandOption("--api-key <KEY>")]
    [Description("The API key the node asks for, if it has keys. Default: $PHASEFLOW_API_KEY.")]
    public string? ApiKey { get; init; }
}
