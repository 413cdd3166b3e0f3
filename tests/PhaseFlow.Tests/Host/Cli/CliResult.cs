namespace PhaseFlow.Tests.Host.Cli;

/// <summary>What one run of the command line did.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error, string[]? NodeArguments)
{
    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd()).ToArray();
}
