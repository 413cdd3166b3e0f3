using PhaseFlow.Contracts;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Host.Node;

/// <summary>Start-up of the real executable: configuration mistakes are refused with a clear message, and task assemblies load.</summary>
public sealed class NodeStartupTests : IDisposable
{
    private readonly TempFolder _temp = new("startup");


    public static string SampleTasksAssembly
    {
        get
        {
            // tests/PhaseFlow.Tests/bin/<configuration>/<framework>/ → tests/PhaseFlow.SampleTasks/bin/<configuration>/<framework>/
            var framework = new DirectoryInfo(AppContext.BaseDirectory);
            var configuration = framework.Parent!;
            var tests = configuration.Parent!.Parent!.Parent!;
            return Path.Combine(tests.FullName, "PhaseFlow.SampleTasks", "bin", configuration.Name, framework.Name, "PhaseFlow.SampleTasks.dll");
        }
    }

    [Fact]
    public async Task An_unknown_flag_is_refused_by_the_command_line_before_a_node_starts()
    {
        var (exitCode, _, stderr) = await NodeProcess.RunToExitAsync(_temp.Path, "run", "--bogus", "1");

        Assert.Equal(1, exitCode);
        Assert.Contains("Unknown option 'bogus'", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp.Combine("data")), "no node started");
    }

    [Theory]
    [InlineData(new[] { "--akka-port" }, "option --akka-port needs a value")]
    [InlineData(new[] { "--akka-port", "x" }, "--akka-port must be a whole number, between 0 and 65535 (0 = any free port); it is 'x'.")]
    [InlineData(new[] { "--akka-port", "70000" }, "--akka-port must be a whole number, between 0 and 65535 (0 = any free port); it is '70000'.")]
    [InlineData(new[] { "--urls", "ftp://127.0.0.1:1" }, "is not an http:// or https:// URL")]
    [InlineData(new[] { "--seed-nodes", "not-an-address" }, "not-an-address")]
    [InlineData(new[] { "--tasks-assembly", "/no/such/tasks.dll" }, "'/no/such/tasks.dll' does not exist")]
    [InlineData(new[] { "--sqlite", "a.db", "--sqlite", "b.db" }, "--sqlite was given more than once")]
    [InlineData(new[] { "--log-level", "loud" }, "LogLevel (--log-level, PHASEFLOW_LOG_LEVEL): 'loud' is not a log level; use one of error, warning, info, debug.")]
    public async Task A_bad_setting_stops_the_node_with_exit_code_2_and_says_what_is_wrong(string[] args, string expected)
    {
        // Loopback and any free port, unless the case is about those flags.
        var defaults = new[] { "--urls", "http://127.0.0.1:0", "--akka-port", "0" }.Chunk(2).Where(d => !args.Contains(d[0])).SelectMany(d => d);
        var (exitCode, _, stderr) = await NodeProcess.RunToExitAsync(_temp.Path, ["run", .. defaults, .. args]);

        Assert.Equal(2, exitCode);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.Combine(Path.Combine("data", "phaseflow.db"))), "a node that refused to start created no database");
    }

    [Fact]
    public async Task A_file_that_is_not_an_assembly_is_refused()
    {
        var notAnAssembly = _temp.Combine("tasks.dll");
        await File.WriteAllTextAsync(notAnAssembly, "not a .NET assembly");

        var (exitCode, _, stderr) = await NodeProcess.RunToExitAsync(_temp.Path, "run", "--urls", "http://127.0.0.1:0", "--akka-port", "0", "--tasks-assembly", notAnAssembly);

        Assert.Equal(2, exitCode);
        Assert.Contains("cannot be loaded", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Task_types_from_a_tasks_assembly_run_next_to_the_built_in_ones()
    {
        Assert.True(File.Exists(SampleTasksAssembly), $"the sample task assembly is built with the tests: {SampleTasksAssembly}");
        await using var node = new NodeProcess(_temp.Path, "--tasks-assembly", SampleTasksAssembly);
        await node.StartAsync();
        var target = _temp.Combine("hello.txt");

        await node.SubmitAsync("write-file", new { path = target, content = "hello" }, "sample-1");
        var status = await node.WaitForStateAsync("sample-1", TaskLifecycleState.Succeeded);

        Assert.Equal("hello", await File.ReadAllTextAsync(target));
        Assert.Equal(["write", "move into place"], status.Phases.Select(p => p.Name));
        await node.SubmitAsync("steps", new { count = 1 }, "builtin-1");
        await node.WaitForStateAsync("builtin-1", TaskLifecycleState.Succeeded);
    }

    public void Dispose() => _temp.Dispose();
}
