using PhaseFlow.Client;
using PhaseFlow.Contracts.Http;
using Spectre.Console.Cli;

namespace PhaseFlow.Host.Cli;

/// <summary>
/// The base of every verb that talks to a node: it resolves the server URL, creates the HTTP client, and turns an API
/// failure into one line on standard error and exit code 1.
/// </summary>
/// <typeparam name="TSettings">The verb's settings.</typeparam>
/// <param name="environment">The consoles, variables and clock.</param>
internal abstract class ApiCommand<TSettings>(CliEnvironment environment) : AsyncCommand<TSettings>
    where TSettings : ServerSettings
{
    /// <summary>Gets the consoles, variables and clock.</summary>
    protected CliEnvironment Environment { get; } = environment;

    /// <inheritdoc/>
    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        var server = settings.Server ?? Environment.GetVariable(CliEnvironment.ServerVariable) ?? PhaseFlowApi.DefaultUrl;
        if (!Uri.TryCreate(server, UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
        {
            Environment.WriteError($"the server must be an absolute http:// or https:// URL, not '{server}'");
            return CliExitCode.Failure;
        }

        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = Environment.RequestTimeout };
        var apiKey = settings.ApiKey ?? Environment.GetVariable(CliEnvironment.ApiKeyVariable);
        if (!string.IsNullOrEmpty(apiKey))
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }

        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Ctrl-C stops the verb through its token, so a live view ends cleanly (cursor restored) instead of the process
        // dying mid-draw; a second Ctrl-C is left alone and ends the process as usual.
        void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
        {
            if (!interrupt.IsCancellationRequested)
            {
                e.Cancel = true;
                interrupt.Cancel();
            }
        }

        Console.CancelKeyPress += OnCancelKeyPress;
        try
        {
            return await RunAsync(new PhaseFlowHttpClient(http), settings, interrupt.Token).ConfigureAwait(false);
        }
        catch (PhaseFlowApiException e)
        {
            Environment.WriteError(e.Message);
            return CliExitCode.Failure;
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            return CliExitCode.Interrupted;
        }
        finally
        {
            Console.CancelKeyPress -= OnCancelKeyPress;
        }
    }

    /// <summary>Runs the verb against the node.</summary>
    /// <param name="client">The node's API.</param>
    /// <param name="settings">The verb's settings.</param>
    /// <param name="cancellationToken">Cancelled on Ctrl-C.</param>
    /// <returns>The exit code.</returns>
    protected abstract Task<int> RunAsync(PhaseFlowHttpClient client, TSettings settings, CancellationToken cancellationToken);
}
