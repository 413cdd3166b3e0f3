using Xunit;

namespace PhaseFlow.Tests.Host.Cli;

public sealed class PhaseFlowCliTests
{
    [Fact]
    public async Task Run_accepts_every_flag_the_node_binds()
    {
        // The CLI declares the node's flags for help and typo checks; this keeps the two lists the same.
        foreach (var setting in PhaseFlow.Host.Node.NodeSettings.All)
        {
            string[] args = setting.IsSwitch ? [setting.Flag] : [setting.Flag, "value"];
            var result = await CliRunner.RunAsync(["run", .. args]);

            Assert.True(result.ExitCode == 0, $"phaseflow run {string.Join(' ', args)} was refused by the CLI");
            Assert.Equal(args, Assert.IsType<string[]>(result.NodeArguments));
        }
    }

    [Fact]
    public async Task RunAsync_NoArguments_RunsTheNode()
    {
        var result = await CliRunner.RunAsync();

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(Assert.IsType<string[]>(result.NodeArguments));
    }

    [Fact]
    public async Task RunAsync_StartsWithAnOption_RunsTheNodeWithTheFlagsUnchanged()
    {
        string[] args = ["--urls", "http://127.0.0.1:6000", "--sqlite", "x.db", "--akka-port", "0"];

        var result = await CliRunner.RunAsync(args);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(args, Assert.IsType<string[]>(result.NodeArguments));
    }

    [Fact]
    public async Task RunAsync_RunVerb_PassesTheFlagsWithoutTheVerb()
    {
        var result = await CliRunner.RunAsync(
            "run", "--tasks-assembly", "a.dll", "--tasks-assembly", "b.dll", "--seed-nodes", "akka.tcp://phaseflow@h:4053", "--postgres", "Host=db");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            ["--tasks-assembly", "a.dll", "--tasks-assembly", "b.dll", "--seed-nodes", "akka.tcp://phaseflow@h:4053", "--postgres", "Host=db"],
            Assert.IsType<string[]>(result.NodeArguments));
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("run --sqlite x.db --bogus")]
    [InlineData("status t1 --bogus")]
    public async Task RunAsync_UnknownOption_IsAnErrorAndTheNodeDoesNotStart(string commandLine)
    {
        var result = await CliRunner.RunAsync(commandLine.Split(' '));

        Assert.Equal(1, result.ExitCode);
        Assert.Null(result.NodeArguments);
        Assert.Contains("bogus", result.Error, StringComparison.Ordinal);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownVerb_IsAnError()
    {
        var result = await CliRunner.RunAsync("submitt", "mkdir");

        Assert.Equal(1, result.ExitCode);
        Assert.Null(result.NodeArguments);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Help_ListsEveryVerbWithExamples()
    {
        var result = await CliRunner.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Null(result.NodeArguments);
        foreach (var verb in new[] { "run", "submit", "status", "list", "cancel", "retry-revert", "watch" })
        {
            Assert.Contains(verb, result.Out, StringComparison.Ordinal);
        }

        Assert.Contains("phaseflow submit mkdir --input", result.Out, StringComparison.Ordinal);
        Assert.Contains("Follow a task live until it finishes", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SubmitHelp_DescribesOptionsAndExamples()
    {
        var result = await CliRunner.RunAsync("submit", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--input", result.Out, StringComparison.Ordinal);
        Assert.Contains("@FILE", result.Out, StringComparison.Ordinal);
        Assert.Contains("--wait", result.Out, StringComparison.Ordinal);
        Assert.Contains("PHASEFLOW_SERVER", result.Out, StringComparison.Ordinal);
        Assert.Contains("phaseflow submit mkdir --input @input.json --id make-a-b --wait", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RunHelp_ListsTheNodeFlagsWithDefaults()
    {
        var result = await CliRunner.RunAsync("run", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Null(result.NodeArguments);
        foreach (var flag in new[] { "--urls", "--akka-host", "--akka-port", "--seed-nodes", "--sqlite", "--tasks-assembly", "--postgres", "4053", "./data/phaseflow.db" })
        {
            Assert.Contains(flag, result.Out, StringComparison.Ordinal);
        }
    }
}
