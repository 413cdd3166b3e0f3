using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PhaseFlow.Actors.ReadModel;
using PhaseFlow.Contracts;

namespace PhaseFlow.Actors.Observability;

/// <summary>
/// The <c>phaseflow.tasks</c> gauge: the task list's tasks by state. A gauge is read synchronously when metrics are
/// collected, so the counts come from a query in the background every <see cref="RefreshEvery"/>, never from the scrape.
/// </summary>
/// <remarks>
/// Every node of a cluster reads the same task list and reports the same numbers: aggregate them with max, not sum.
/// </remarks>
internal sealed class TaskCountGauge : BackgroundService
{
    /// <summary>How often the counts are read from the task list.</summary>
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(5);

    private readonly ITaskListStore _store;
    private readonly ILogger _log;
    private readonly Meter? _ownMeter;
    private volatile IReadOnlyDictionary<TaskLifecycleState, long>? _counts;

    /// <summary>Initializes the gauge.</summary>
    /// <param name="store">The task list.</param>
    /// <param name="meters">The host's meter factory, or <see langword="null"/> for a meter of the gauge's own.</param>
    /// <param name="log">Where a failed count is logged.</param>
    public TaskCountGauge(ITaskListStore store, IMeterFactory? meters, ILogger<TaskCountGauge> log)
    {
        _store = store;
        _log = log;
        // A meter of the host's factory is the factory's to dispose; one of our own is ours.
        var meter = meters?.Create(PhaseFlowTelemetry.MeterName) ?? (_ownMeter = new Meter(PhaseFlowTelemetry.MeterName));
        meter.CreateObservableGauge(
            "phaseflow.tasks",
            Observe,
            "{task}",
            $"Tasks in the task list by state, read every {RefreshEvery.TotalSeconds:0} s (every node of a cluster reports the whole list).");
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        _ownMeter?.Dispose();
        base.Dispose();
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RefreshEvery);
        do
        {
            try
            {
                _counts = await _store.CountByStateAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The task list is created by the projection at start-up, and the database may be away for a while:
                // the gauge keeps its last numbers and tries again; the projection and the health check report the outage.
                _log.LogDebug("Counting the task list's tasks by state failed ({Reason}); the phaseflow.tasks gauge keeps its last numbers.", e.Message);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private IEnumerable<Measurement<long>> Observe()
    {
        if (_counts is not { } counts)
        {
            yield break;
        }

        // Every state, zeros included: a series that vanishes reads as "no data" on a dashboard, not as none.
        foreach (var state in Enum.GetValues<TaskLifecycleState>())
        {
            yield return new Measurement<long>(counts.GetValueOrDefault(state), new KeyValuePair<string, object?>(TaskTelemetryNames.TaskState, state.ToString()));
        }
    }
}
