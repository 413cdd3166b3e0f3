using PhaseFlow.Client;
using PhaseFlow.Contracts.Http;

namespace PhaseFlow.Host.Cli;

/// <summary><c>phaseflow watch ID</c>: follows a task live until it finishes.</summary>
/// <param name="environment">The consoles, variables and clock.</param>
internal sealed class WatchCommand(CliEnvironment environment) : ApiCommand<TaskIdSettings>(environment)
{
    /// <inheritdoc/>
    protected override Task<int> RunAsync(PhaseFlowHttpClient client, TaskIdSettings settings, CancellationToken cancellationToken) =>
        new TaskWatcher(client, Environment).WatchAsync(settings.Id, cancellationToken);
}
