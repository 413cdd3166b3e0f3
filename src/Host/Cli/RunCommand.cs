using Spectre.Console.Cli;

namespace PhaseFlow.Host.Cli;

/// <summary><c>phaseflow run</c>: starts a node and runs until Ctrl-C.</summary>
/// <param name="launcher">The node's entry point and its flags as typed.</param>
internal sealed class RunCommand(NodeLauncher launcher) : AsyncCommand<RunSettings>
{
    /// <inheritdoc/>
    public override Task<int> ExecuteAsync(CommandContext context, RunSettings settings, CancellationToken cancellationToken) =>
        launcher.RunNode(launcher.NodeArguments);
}
