using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Host.Tasks;
using Xunit;

namespace PhaseFlow.Tests.Contracts.Authoring;

/// <summary>An input that does not bind is told by its JSON path and what is allowed there, never by .NET type names.</summary>
public sealed class InputBindingMessageTests
{
    [Theory]
    [InlineData("""{"count":"x"}""", "input.count must be a whole number; it is \"x\"")]
    [InlineData("""{"count":1.5}""", "input.count must be a whole number; it is 1.5")]
    [InlineData("""{"count":99999999999}""", "input.count must be a whole number from -2147483648 to 2147483647; it is 99999999999")]
    [InlineData("""{"count":null}""", "input.count must be a whole number; it is null")]
    [InlineData("""{"count":[1]}""", "input.count must be a whole number; it is an array")]
    [InlineData("""{"count":2,"failAtPhase":"first"}""", "input.failAtPhase must be a whole number or null; it is \"first\"")]
    [InlineData("""{"count":2,"revertFails":"yes"}""", "input.revertFails must be true or false; it is \"yes\"")]
    [InlineData("""{"count":2,"journal":5}""", "input.journal must be a string or null; it is 5")]
    [InlineData("""{"count":2,"waitMs":0}""", "waitMs must be between 1 and 31622400000 (366 days)")]
    [InlineData("""{"count":2,"waitForSignal":"two words"}""", "waitForSignal: The signal name 'two words' is not allowed: use 1 to 100 characters of letters, digits, '.', '_' and '-'.")]
    [InlineData("""[1]""", "input must be an object; it is an array")]
    [InlineData("""{"count":2,"colour":"red"}""", "input.colour is not a field of the input; the fields are count, delayMs, failAtPhase, failAttempts, revertFails, journal, revertDelayMs, timed, waitMs, waitForSignal, children, waitForTask (names are case-sensitive)")]
    public void BindInput_Steps_NamesThePathAndWhatIsAllowed(string json, string expected)
    {
        var error = Assert.Throws<TaskInputException>(() => new StepsTask().BindInput(json));

        Assert.Equal($"Invalid input for task type 'steps': {expected}", error.Message);
    }

    [Theory]
    [InlineData("""{}""", "input.path is required")]
    [InlineData("""{"path":5}""", "input.path must be a string; it is 5")]
    [InlineData("""{"path":null}""", "input.path must not be null")]
    public void BindInput_Mkdir_NamesThePathAndWhatIsAllowed(string json, string expected)
    {
        var error = Assert.Throws<TaskInputException>(() => new MkdirTask().BindInput(json));

        Assert.Equal($"Invalid input for task type 'mkdir': {expected}", error.Message);
    }

    [Theory]
    [InlineData("""{"targets":[{"host":"a","mode":"Fast"},{"host":7,"mode":"Fast"}]}""", "input.targets[1].host must be a string; it is 7")]
    [InlineData("""{"targets":[{"host":"a","mode":"Sideways"}]}""", "input.targets[0].mode must be one of \"Fast\", \"Careful\"; it is \"Sideways\"")]
    [InlineData("""{"targets":{"host":"a"}}""", "input.targets must be an array; it is an object")]
    [InlineData("""{"targets":[{"host":"a","mode":"Fast","port":1}]}""", "input.targets[0].port is not a field of the input; the fields are host, mode (names are case-sensitive)")]
    [InlineData("""{"targets":[{"mode":"Fast"}]}""", "input.targets[0].host is required")]
    public void BindInput_NestedInput_NamesTheFullPath(string json, string expected)
    {
        var error = Assert.Throws<TaskInputException>(() => new DeployTask().BindInput(json));

        Assert.Equal($"Invalid input for task type 'deploy': {expected}", error.Message);
        Assert.DoesNotContain("InputBindingMessageTests", error.Message, StringComparison.Ordinal);
    }

    public enum DeployMode
    {
        Fast,
        Careful,
    }

    public sealed record DeployTarget(string Host, DeployMode Mode);

    public sealed record DeployInput(IReadOnlyList<DeployTarget> Targets);

    private sealed class DeployTask : TaskDefinition<DeployInput>
    {
        public override string TypeName => "deploy";

        protected override IEnumerable<Phase> Plan(DeployInput input, PlanContext plan) => [];
    }
}
