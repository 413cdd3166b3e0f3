using PhaseFlow.Client;
using Spectre.Console;

namespace PhaseFlow.Host.Cli;

/// <summary><c>phaseflow signal ID NAME --payload JSON</c>: delivers a named signal to a task.</summary>
/// <param name="environment">The consoles, variables and clock.</param>
internal sealed class SignalCommand(CliEnvironment environment) : ApiCommand<SignalSettings>(environment)
{
    /// <inheritdoc/>
    protected override async Task<int> RunAsync(PhaseFlowHttpClient client, SignalSettings settings, CancellationToken cancellationToken)
    {
        string? payloadJson = null;
        if (settings.Payload is { } payload)
        {
            if (!TaskInput.TryRead(payload, out var json, out var error, "--payload", objectOnly: false))
            {
                Environment.WriteError(error);
                return CliExitCode.Failure;
            }

            payloadJson = json.GetRawText();
        }

        var answer = await client.SignalAsync(settings.Id, settings.Name, payloadJson, settings.SignalId, cancellationToken).ConfigureAwait(false);
        Environment.Out.WriteLine($"{answer.Id} signal '{settings.Name}' accepted ({answer.State})");
        return CliExitCode.Success;
    }
}
