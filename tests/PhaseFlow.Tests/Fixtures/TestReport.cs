using Xunit.Abstractions;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>Where tests put the measurements a reader of the CI log should see (failover and shutdown times).</summary>
public static class TestReport
{
    /// <summary>The variable naming a file the measurements are appended to, when set.</summary>
    public const string Variable = "PHASEFLOW_TEST_REPORT";

    /// <summary>Writes a measurement to the test's output and, when <see cref="Variable"/> names a file, to that file.</summary>
    /// <param name="output">The test's output.</param>
    /// <param name="line">The measurement, one line.</param>
    public static void Write(ITestOutputHelper output, string line)
    {
        output.WriteLine(line);

        // dotnet test shows a passing test's output only at detailed verbosity: .ci/run names a file to print instead.
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } report)
        {
            File.AppendAllText(report, line + "\n");
        }
    }
}
