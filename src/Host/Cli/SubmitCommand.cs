using PhaseFlow.Client;
using PhaseFlow.Contracts.Http;
using Spectre.Console;

namespace PhaseFlow.Host.Cli;

/// <summary><c>phaseflow submit TYPE --input JSON</c>: submits a task, and with <c>--wait</c> watches it to the end.</summary>
/// <param name="environment">The consoles, variables and clock.</param>
internal sealed class SubmitCommand(CliEnvironment environment) : ApiCommand<SubmitSettings>(environment)
{
    /// <inheritdoc/>
    protected override async Task<int> RunAsync(PhaseFlowHttpClient client, SubmitSettings settings, CancellationToken cancellationToken)
    {
        if (!TaskInput.TryRead(settings.Input!, out var input, out var error)
            || !settings.TryResolveReconnectFor(Environment, out var reconnectFor, out error))
        {
            Environment.WriteError(error);
            return CliExitCode.Failure;
        }

        var result = await client.SubmitAsync(settings.Type, input, settings.Id, cancellationToken).ConfigureAwait(false);
        var what = result.Created ? "submitted" : "already exists";
        Environment.Out.WriteLine($"{result.Id} {what} ({result.State})");
        if (!settings.Wait)
        {
            return CliExitCode.Success;
        }

        return await new TaskWatcher(client, Environment, reconnectFor).WatchAsync(result.Id, cancellationToken).ConfigureAwait(false);
    }
}
