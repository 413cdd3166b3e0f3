using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Contracts.Authoring;

/// <summary>What <see cref="Phase.Delay"/> and <see cref="Phase.WaitForSignal"/> accept, and what they say outside it.</summary>
[Trait(TestCategory.Name, TestCategory.Core)]
public sealed class WaitingPhaseDeclarationTests
{
    [Fact]
    public void Delay_AtTheLimits_IsAcceptedAndKeepsItsWaitThroughWithUndoAndWithRetry()
    {
        var phase = Phase.Delay("pause", TimeSpan.FromDays(366)).WithUndo(_ => Task.CompletedTask).WithRetry(RetryPolicy.Exponential(2, TimeSpan.Zero));

        Assert.Equal(new PhaseWait.Delay(TimeSpan.FromDays(366)), phase.Wait);
        Assert.Equal(new PhaseWait.Delay(TimeSpan.FromTicks(1)), Phase.Delay("tiny", TimeSpan.FromTicks(1)).Wait);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(316_224_000_000_001L)]
    public void Delay_OutsideTheLimits_SaysWhatIsAllowed(long ticks)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Phase.Delay("pause", TimeSpan.FromTicks(ticks)));

        Assert.Equal("delay", error.ParamName);
        Assert.StartsWith("A delay must be greater than zero and at most 366 days.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("")]
    [InlineData("ü")]
    public void WaitForSignal_BadSignalName_SaysWhatIsAllowed(string signal)
    {
        var error = Assert.Throws<ArgumentException>(() => Phase.WaitForSignal("approval", signal));

        Assert.Equal("signal", error.ParamName);
        Assert.StartsWith($"The signal name '{signal}' is not allowed: use 1 to 100 characters of letters, digits, '.', '_' and '-'.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(316_224_000_000_001L)]
    public void WaitForSignal_TimeoutOutsideTheLimits_SaysWhatIsAllowed(long ticks)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Phase.WaitForSignal("approval", "approved", TimeSpan.FromTicks(ticks)));

        Assert.Equal("timeout", error.ParamName);
        Assert.StartsWith("A signal wait's timeout must be greater than zero and at most 366 days.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithTimeout_OnAWaitingPhase_IsRefusedPointingToTheSignalWaitsOwnTimeout()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Phase.WaitForSignal("approval", "approved").WithTimeout(TimeSpan.FromMinutes(1)));

        Assert.Equal("Phase 'approval' waits instead of running code, so it has no attempt time limit; give a signal wait its timeout in WaitForSignal.", error.Message);
    }

    [Fact]
    public async Task ExecuteAsync_OnAWaitingPhase_FailsLoudly()
    {
        var phase = Phase.Delay("pause", TimeSpan.FromSeconds(1));
        var context = new PhaseContext("t", 0, "pause", 1, new object(), new PhaseOutputs(() => []), _ => { }, CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => phase.ExecuteAsync(context));

        Assert.Equal("A waiting phase has no body to run.", error.Message);
    }
}
