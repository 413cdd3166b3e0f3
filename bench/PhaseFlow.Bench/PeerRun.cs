using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace PhaseFlow.Bench;

/// <summary>
/// The same N x K no-op phase work on another engine, run by <c>phaseflow-bench-peers</c> in a process of its own:
/// Hangfire's SQLite storage brings another SQLite library, which must not replace the one PhaseFlow is measured on.
/// </summary>
internal static class PeerRun
{
    public sealed record Result(double PhasesPerSecond, long Phases, bool Completed);

    /// <summary>Gets where the build put the peers' program (bench/PhaseFlow.Bench.Peers, built separately).</summary>
    public static string Program => typeof(PeerRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PeersProgram").Value!;

    public static async Task<Result> RunAsync(string peer, BenchOptions options)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
        foreach (var argument in new[] { Program, peer, Text(options.Tasks), Text(options.Phases), Text((int)options.Patience.TotalSeconds) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        var fields = output.Trim().Split(' ');
        if (process.ExitCode != 0 || fields.Length != 3)
        {
            throw new InvalidOperationException($"the {peer} peer failed (exit code {process.ExitCode}): {output.Trim()}");
        }

        var seconds = double.Parse(fields[0], CultureInfo.InvariantCulture);
        var phases = long.Parse(fields[1], CultureInfo.InvariantCulture);
        return new Result(phases / seconds, phases, fields[2] == "true");
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
