using System.Diagnostics;

namespace PhaseFlow.Bench;

/// <summary>
/// What one node's bench tasks report: how many phases started and plans ended, each with a completion that fires
/// when the expected count is reached, and (optionally) when each phase started.
/// </summary>
internal sealed class BenchProbe
{
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<long>? _timeline;
    private TaskCompletionSource _phasesReached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _plansReached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _expectedPhases;
    private long _expectedPlans;
    private long _phases;
    private long _plans;

    public BenchProbe(long expectedPhases, long expectedPlans, bool recordTimeline = false)
    {
        _expectedPhases = expectedPhases;
        _expectedPlans = expectedPlans;
        _timeline = recordTimeline ? [] : null;
    }

    /// <summary>Gets a task that completes when <see cref="Release"/> is called; held phases wait on it.</summary>
    public Task Held => _held.Task;

    public Task PhasesReached => _phasesReached.Task;

    public Task PlansReached => _plansReached.Task;

    public long Phases => Interlocked.Read(ref _phases);

    public long Plans => Interlocked.Read(ref _plans);

    /// <summary>Gets the <see cref="Stopwatch"/> timestamps at which phases started, in order (when recorded).</summary>
    public IReadOnlyList<long> Timeline
    {
        get
        {
            lock (_timeline!)
            {
                return [.. _timeline];
            }
        }
    }

    /// <summary>Starts counting afresh towards new expectations (after a warm-up whose tasks have all ended).</summary>
    public void Expect(long expectedPhases, long expectedPlans)
    {
        _phasesReached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _plansReached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _expectedPhases = expectedPhases;
        _expectedPlans = expectedPlans;
        Interlocked.Exchange(ref _phases, 0);
        Interlocked.Exchange(ref _plans, 0);
    }

    public void PhaseStarted()
    {
        if (_timeline is not null)
        {
            lock (_timeline)
            {
                _timeline.Add(Stopwatch.GetTimestamp());
            }
        }

        if (Interlocked.Increment(ref _phases) == _expectedPhases)
        {
            _phasesReached.TrySetResult();
        }
    }

    public void PlanEnded()
    {
        if (Interlocked.Increment(ref _plans) == _expectedPlans)
        {
            _plansReached.TrySetResult();
        }
    }

    public void Release() => _held.TrySetResult();
}
