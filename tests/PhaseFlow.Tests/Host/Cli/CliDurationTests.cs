using PhaseFlow.Host.Cli;
using Xunit;

namespace PhaseFlow.Tests.Host.Cli;

public sealed class CliDurationTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("90", 90)]
    [InlineData("90s", 90)]
    [InlineData("2m", 120)]
    [InlineData("1h", 3600)]
    [InlineData(" 5m ", 300)]
    public void TryParse_ADuration_ReadsIt(string text, int seconds)
    {
        Assert.True(CliDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("1.5m")]
    [InlineData("5 m")]
    [InlineData("2d")]
    [InlineData("5M")]
    [InlineData("99999999")]
    [InlineData("1000001h")]
    public void TryParse_NotADuration_Refuses(string? text)
    {
        Assert.False(CliDuration.TryParse(text, out _));
    }
}
