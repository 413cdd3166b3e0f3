using PhaseFlow.Client;
using PhaseFlow.Contracts.Http;
using Spectre.Console;

namespace PhaseFlow.Host.Cli;

/// <summary><c>phaseflow resume ID</c>: continues a suspended task once its definition matches its journal again.</summary>
/// <param name="environment">The consoles, variables and clock.</param>
internal sealed class ResumeCommand(CliEnvironment environment) : ApiCommand<TaskIdSettings>(environment)
{
    /// <inheritdoc/>
    protected override async Task<int> RunAsync(PhaseFlowHttpClient client, TaskIdSettings settings, CancellationToken cancellationToken)
    {
        var answer = await client.ResumeAsync(settings.Id, cancellationToken).ConfigureAwait(false);
        Environment.Out.WriteLine($"{answer.Id} resumed ({answer.State})");
        return CliExitCode.Success;
    }
}
