using PhaseFlow.Actors.Hosting;
using Xunit;

namespace PhaseFlow.Tests.Actors.Hosting;

/// <summary>The watch interval of tasks that wait for other tasks: 1 second to 1 hour, and a clear line otherwise.</summary>
public sealed class PhaseFlowOptionsValidatorWatchIntervalTests
{
    private readonly PhaseFlowOptionsValidator _validator = new();

    [Fact]
    public void WatchInterval_NotSet_Is30Seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), new PhaseFlowOptions().WatchInterval);
    }

    [Theory]
    [InlineData("00:00:01")]
    [InlineData("00:00:02")]
    [InlineData("01:00:00")]
    public void Validate_WatchIntervalWithinRange_Succeeds(string value)
    {
        var result = _validator.Validate(null, new PhaseFlowOptions { WatchInterval = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:00.500")]
    [InlineData("01:00:01")]
    [InlineData("-00:00:05")]
    public void Validate_WatchIntervalOutOfRange_SaysWhatIsAllowed(string value)
    {
        var result = _validator.Validate(null, new PhaseFlowOptions { WatchInterval = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.False(result.Succeeded);
        Assert.Equal(["WatchInterval must be between 1 second and 1 hour."], result.Failures);
    }
}
