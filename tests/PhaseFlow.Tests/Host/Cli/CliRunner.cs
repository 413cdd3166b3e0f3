using PhaseFlow.Host.Cli;
using Spectre.Console.Testing;

namespace PhaseFlow.Tests.Host.Cli;

/// <summary>Runs <see cref="PhaseFlowCli"/> in-process with test consoles, chosen variables and short back-off waits.</summary>
public static class CliRunner
{
    public static async Task<CliResult> RunAsync(
        string[] args,
        bool terminal = false,
        IReadOnlyDictionary<string, string>? variables = null)
    {
        using var output = new TestConsole().Width(250);
        using var error = new TestConsole().Width(250);
        if (terminal)
        {
            output.Interactive().EmitAnsiSequences();
        }

        var environment = new CliEnvironment
        {
            Out = output,
            Error = error,
            IsTerminal = terminal,
            GetVariable = name => variables is not null && variables.TryGetValue(name, out var value) ? value : null,
            ReconnectBackoff = [TimeSpan.FromMilliseconds(20)],
        };
        string[]? nodeArguments = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var exitCode = await PhaseFlowCli.RunAsync(
            args,
            nodeArgs =>
            {
                nodeArguments = nodeArgs;
                return Task.FromResult(0);
            },
            environment,
            timeout.Token).WaitAsync(timeout.Token);
        return new CliResult(exitCode, output.Output, error.Output, nodeArguments);
    }

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(args, terminal: false);
}
