using System.Diagnostics;
using Xunit;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>Runs the <c>dotnet</c> command line (pack, tool install, build) to completion, failing the test on a non-zero exit.</summary>
public static class DotnetCommand
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    /// <summary>Gets the folder of the <c>dotnet</c> running the tests, for apps that need <c>DOTNET_ROOT</c> to find the runtime.</summary>
    public static string Root => Path.GetDirectoryName(Environment.ProcessPath)!;

    /// <summary>Runs <c>dotnet ARGS</c> in <paramref name="workingDirectory"/> and returns its output.</summary>
    /// <param name="workingDirectory">Where it runs.</param>
    /// <param name="environment">Variables to set for it.</param>
    /// <param name="args">The arguments.</param>
    /// <returns>What it wrote to standard output and error.</returns>
    public static async Task<string> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo(Path.Combine(Root, "dotnet"))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var (exitCode, stdout, stderr) = await ProcessReaper.RunToExitAsync(info, Patience);
        var output = stdout + stderr;
        Assert.True(exitCode == 0, $"dotnet {string.Join(' ', args)} exited with {exitCode}:\n{output}");
        return output;
    }
}
