using PhaseFlow.Actors.Tasks;
using Xunit;

namespace PhaseFlow.Tests.Actors.Tasks;

public sealed class TaskAdmissionTests
{
    [Fact]
    public void TryAdmit_UpToTheLimit_ThenRefusesUntilAPlaceIsReleased()
    {
        var admission = new TaskAdmission(2);

        Assert.True(admission.TryAdmit());
        Assert.True(admission.TryAdmit());
        Assert.False(admission.TryAdmit());
        Assert.Equal(2, admission.Running);

        admission.Release();
        Assert.True(admission.TryAdmit());
        Assert.False(admission.TryAdmit());
    }

    [Fact]
    public void Enter_ARecoveredTask_CountsEvenOverTheLimitAndNewOnesWaitUntilBelowIt()
    {
        var admission = new TaskAdmission(1);
        admission.Enter();
        admission.Enter();

        Assert.Equal(2, admission.Running);
        Assert.False(admission.TryAdmit());
        admission.Release();
        Assert.False(admission.TryAdmit());
        admission.Release();
        Assert.True(admission.TryAdmit());
    }

    [Fact]
    public void TryAdmit_ManyThreadsAtOnce_NeverAdmitsMoreThanTheLimit()
    {
        var admission = new TaskAdmission(100);
        var admitted = 0;

        Parallel.For(0, 1000, _ =>
        {
            if (admission.TryAdmit())
            {
                Interlocked.Increment(ref admitted);
            }
        });

        Assert.Equal(100, admitted);
        Assert.Equal(100, admission.Running);
    }

    [Fact]
    public void Constructor_LimitBelowOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TaskAdmission(0));
}
