using Microsoft.Extensions.Configuration;
using PhaseFlow.Actors.Hosting;
using PhaseFlow.Host.Node;
using Xunit;

namespace PhaseFlow.Tests.Host.Node;

/// <summary>A setting's value that does not convert is told by where the user gave it (flag, variable, appsettings.json key) and what is allowed.</summary>
public sealed class NodeSettingValuesTests
{
    [Theory]
    [InlineData("IdleTimeout", "soon", "PhaseFlow:IdleTimeout (appsettings.json) must be a duration written hh:mm:ss (for example 00:00:30), between 1 second and 1 day; it is 'soon'.")]
    [InlineData("IdleTimeout", "2.00:00:00", "PhaseFlow:IdleTimeout (appsettings.json) must be a duration written hh:mm:ss (for example 00:00:30), between 1 second and 1 day; it is '2.00:00:00'.")]
    [InlineData("WatchInterval", "often", "PhaseFlow:WatchInterval (appsettings.json) must be a duration written hh:mm:ss (for example 00:00:30), between 1 second and 1 hour; it is 'often'.")]
    [InlineData("WatchInterval", "02:00:00", "PhaseFlow:WatchInterval (appsettings.json) must be a duration written hh:mm:ss (for example 00:00:30), between 1 second and 1 hour; it is '02:00:00'.")]
    [InlineData("NumberOfShards", "lots", "PhaseFlow:NumberOfShards (appsettings.json) must be a whole number, between 1 and 10000; it is 'lots'.")]
    [InlineData("AllowAnonymous", "yes", "PhaseFlow:AllowAnonymous (appsettings.json) must be true or false; it is 'yes'.")]
    [InlineData("SplitBrainStableAfter", "later", "PhaseFlow:SplitBrainStableAfter (appsettings.json) must be a duration written hh:mm:ss (for example 00:00:30), between 1 second and 10 minutes; it is 'later'.")]
    public void Problems_BadAppsettingsValue_NamesTheKeyAndWhatIsAllowed(string key, string value, string expected)
    {
        var problems = NodeSettingValues.Problems(Section((key, value)), NodeSettingValues.NodeOptionTypes, [], new Dictionary<string, string>());

        Assert.Equal([expected], problems);
    }

    [Fact]
    public void Problems_GoodValuesAndUnsetOptionalOnes_AreNoProblem()
    {
        var section = Section(("AkkaPort", "0"), ("IdleTimeout", "00:01:00"), ("AllowAnonymous", "True"), ("SplitBrainStableAfter", ""), ("NumberOfShards", "10000"));

        Assert.Empty(NodeSettingValues.Problems(section, NodeSettingValues.NodeOptionTypes, [], new Dictionary<string, string>()));
    }

    [Fact]
    public void Problems_SeveralBadValues_AreAllToldAtOnce()
    {
        var problems = NodeSettingValues.Problems(Section(("AkkaPort", "x"), ("MaxRunningTasks", "y")), NodeSettingValues.NodeOptionTypes, [], new Dictionary<string, string>());

        Assert.Equal(2, problems.Count);
    }

    [Theory]
    [InlineData(new[] { "--akka-port", "x" }, "PHASEFLOW_AKKA_PORT", "--akka-port")]
    [InlineData(new[] { "--akka-port=x" }, "PHASEFLOW_AKKA_PORT", "--akka-port")]
    [InlineData(new string[0], "PHASEFLOW_AKKA_PORT", "PHASEFLOW_AKKA_PORT")]
    [InlineData(new string[0], "PhaseFlow__AkkaPort", "PhaseFlow__AkkaPort")]
    [InlineData(new string[0], "phaseflow__akkaport", "phaseflow__akkaport")]
    [InlineData(new string[0], "OTHER", "PhaseFlow:AkkaPort (appsettings.json)")]
    public void Origin_NamesWhatTheUserTyped_FlagBeforeVariablesBeforeTheFile(string[] args, string variable, string expected)
    {
        var environment = new Dictionary<string, string> { [variable] = "x" };

        Assert.Equal(expected, NodeSettingValues.Origin(PhaseFlowOptions.SectionName, nameof(PhaseFlowOptions.AkkaPort), args, environment));
    }

    private static IConfigurationSection Section(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>($"{PhaseFlowOptions.SectionName}:{v.Key}", v.Value)))
            .Build()
            .GetSection(PhaseFlowOptions.SectionName);
}
