using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Contracts.Authoring;

[Trait(TestCategory.Name, TestCategory.Core)]
public sealed class RetryPolicyTests
{
    [Fact]
    public void DelayAfter_Exponential_DoublesAndCaps()
    {
        var policy = RetryPolicy.Exponential(5, TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(5));

        Assert.Equal([1, 2, 4, 5], new[] { 1, 2, 3, 4 }.Select(a => policy.DelayAfter(a).TotalSeconds));
    }

    [Fact]
    public void AllowsRetry_StopsAtMaxAttemptsAndHonoursTheFilter()
    {
        var policy = RetryPolicy.Exponential(3, TimeSpan.Zero, shouldRetry: e => e is TimeoutException);

        Assert.True(policy.AllowsRetry(2, new TimeoutException()));
        Assert.False(policy.AllowsRetry(3, new TimeoutException()));
        Assert.False(policy.AllowsRetry(1, new InvalidOperationException()));
        Assert.False(RetryPolicy.None.AllowsRetry(1, new TimeoutException()));
    }

    [Theory]
    [InlineData(0, 1.0, "maxAttempts must be between 1 and 100")]
    [InlineData(3, 0.5, "backoffFactor must be between 1 and 10")]
    public void Exponential_OutOfRange_SaysWhatIsAllowed(int attempts, double factor, string expected)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RetryPolicy.Exponential(attempts, TimeSpan.Zero, factor));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
