using PhaseFlow.Client;
using PhaseFlow.Contracts.Http;
using Spectre.Console;

namespace PhaseFlow.Host.Cli;

/// <summary><c>phaseflow cancel ID</c>: asks a task to stop and revert what it completed.</summary>
/// <param name="environment">The consoles, variables and clock.</param>
internal sealed class CancelCommand(CliEnvironment environment) : ApiCommand<TaskIdSettings>(environment)
{
    /// <inheritdoc/>
    protected override async Task<int> RunAsync(PhaseFlowHttpClient client, TaskIdSettings settings, CancellationToken cancellationToken)
    {
        var answer = await client.CancelAsync(settings.Id, cancellationToken).ConfigureAwait(false);
        Environment.Out.WriteLine($"{answer.Id} cancel accepted ({answer.State})");
        return CliExitCode.Success;
    }
}
