using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Contracts.Authoring;

/// <summary>The limits <see cref="RetryPolicy.Exponential"/> accepts, what it says outside them, and its defaults.</summary>
[Trait(TestCategory.Name, TestCategory.Core)]
public sealed class RetryPolicyRangeTests
{
    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(100, 10.0)]
    public void Exponential_AtTheLimits_IsAccepted(int attempts, double factor)
    {
        var policy = RetryPolicy.Exponential(attempts, TimeSpan.Zero, factor, maxDelay: TimeSpan.Zero);

        Assert.Equal((attempts, factor, TimeSpan.Zero), (policy.MaxAttempts, policy.BackoffFactor, policy.MaxDelay));
    }

    [Theory]
    [InlineData(101, 2.0, 0, "maxAttempts", "maxAttempts must be between 1 and 100")]
    [InlineData(3, 10.5, 0, "backoffFactor", "backoffFactor must be between 1 and 10")]
    [InlineData(3, double.NaN, 0, "backoffFactor", "backoffFactor must be between 1 and 10")]
    [InlineData(3, 2.0, -1, "initialDelay", "initialDelay must be zero or positive")]
    public void Exponential_OutsideTheLimits_NamesTheArgumentAndWhatIsAllowed(int attempts, double factor, long initialTicks, string argument, string expected)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RetryPolicy.Exponential(attempts, TimeSpan.FromTicks(initialTicks), factor));

        Assert.Equal(argument, error.ParamName);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exponential_NegativeMaxDelay_IsRejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RetryPolicy.Exponential(3, TimeSpan.Zero, maxDelay: TimeSpan.FromTicks(-1)));

        Assert.Equal("maxDelay", error.ParamName);
        Assert.Contains("maxDelay must be zero or positive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exponential_MaxDelayBelowTheInitialDelay_CapsAtTheInitialDelay()
    {
        var policy = RetryPolicy.Exponential(3, TimeSpan.FromSeconds(5), maxDelay: TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromSeconds(5), policy.MaxDelay);
        Assert.Equal(TimeSpan.FromSeconds(5), policy.DelayAfter(2));
    }

    [Fact]
    public void Exponential_NoMaxDelay_CapsAtFiveMinutes()
    {
        var policy = RetryPolicy.Exponential(20, TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromMinutes(5), policy.MaxDelay);
        Assert.Equal(TimeSpan.FromMinutes(5), policy.DelayAfter(19));
    }

    [Fact]
    public void AllowsRetry_NoFilterAndAttemptsLeft_RetriesAnyException()
    {
        var policy = RetryPolicy.Exponential(2, TimeSpan.Zero);

        Assert.True(policy.AllowsRetry(1, new InvalidOperationException()));
    }

    [Fact]
    public void AllowsRetry_NullError_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => RetryPolicy.Exponential(2, TimeSpan.Zero).AllowsRetry(1, null!));
    }

    [Fact]
    public void DelayAfter_FirstFailure_IsTheInitialDelay()
    {
        var policy = RetryPolicy.Exponential(5, TimeSpan.FromSeconds(3), backoffFactor: 4);

        Assert.Equal(TimeSpan.FromSeconds(3), policy.DelayAfter(1));
        Assert.Equal(TimeSpan.FromSeconds(12), policy.DelayAfter(2));
    }
}
