using PhaseFlow.Client;
using PhaseFlow.Contracts.Http;
using Spectre.Console;

namespace PhaseFlow.Host.Cli;

/// <summary><c>phaseflow retry-revert ID</c>: runs the revert of a task in RevertFailed again.</summary>
/// <param name="environment">The consoles, variables and clock.</param>
internal sealed class RetryRevertCommand(CliEnvironment environment) : ApiCommand<TaskIdSettings>(environment)
{
    /// <inheritdoc/>
    protected override async Task<int> RunAsync(PhaseFlowHttpClient client, TaskIdSettings settings, CancellationToken cancellationToken)
    {
        var answer = await client.RetryRevertAsync(settings.Id, cancellationToken).ConfigureAwait(false);
        Environment.Out.WriteLine($"{answer.Id} retry-revert accepted ({answer.State})");
        return CliExitCode.Success;
    }
}
