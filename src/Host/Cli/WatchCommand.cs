using PhaseFlow.Client;
using PhaseFlow.Contracts.Http;

namespace PhaseFlow.Host.Cli;

/// <summary><c>phaseflow watch ID</c>: follows a task live until it finishes.</summary>
/// <param name="environment">The consoles, variables and clock.</param>
internal sealed class WatchCommand(CliEnvironment environment) : ApiCommand<WatchSettings>(environment)
{
    /// <inheritdoc/>
    protected override async Task<int> RunAsync(PhaseFlowHttpClient client, WatchSettings settings, CancellationToken cancellationToken)
    {
        if (!settings.TryResolveReconnectFor(Environment, out var reconnectFor, out var error))
        {
            Environment.WriteError(error);
            return CliExitCode.Failure;
        }

        return await new TaskWatcher(client, Environment, reconnectFor).WatchAsync(settings.Id, cancellationToken).ConfigureAwait(false);
    }
}
