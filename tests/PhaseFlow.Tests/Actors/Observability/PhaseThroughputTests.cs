using Microsoft.Extensions.Time.Testing;
using PhaseFlow.Actors.Observability;
using Xunit;

namespace PhaseFlow.Tests.Actors.Observability;

/// <summary>The ring of per-second counts behind the dashboard's chart.</summary>
public sealed class PhaseThroughputTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Read_CountsEachSecondApart_OldestFirst_WithTheCurrentSecondLast()
    {
        var throughput = new PhaseThroughput(_time);
        throughput.PhaseCompleted();
        _time.Advance(TimeSpan.FromSeconds(2));
        throughput.PhaseCompleted();
        throughput.PhaseCompleted();
        _time.Advance(TimeSpan.FromMilliseconds(500));

        var read = throughput.Read(4);

        Assert.Equal([0L, 1, 0, 2], read.PhasesCompleted);
        Assert.Equal(_time.GetUtcNow().AddMilliseconds(-500), read.Until);
    }

    [Fact]
    public void Read_ASecondAFullRingLater_DoesNotShowTheOldCountOfItsSlot()
    {
        var throughput = new PhaseThroughput(_time);
        throughput.PhaseCompleted();
        throughput.PhaseCompleted();

        _time.Advance(TimeSpan.FromSeconds(PhaseThroughput.MaxSeconds));
        Assert.All(throughput.Read(PhaseThroughput.MaxSeconds).PhasesCompleted, count => Assert.Equal(0, count));

        throughput.PhaseCompleted();
        Assert.Equal(1, throughput.Read(1).PhasesCompleted[0]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(PhaseThroughput.MaxSeconds + 1)]
    public void Read_OutsideTheRing_Throws(int seconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PhaseThroughput(_time).Read(seconds));
}
