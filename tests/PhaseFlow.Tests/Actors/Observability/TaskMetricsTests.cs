using OpenTelemetry;
using OpenTelemetry.Metrics;
using PhaseFlow.Actors.Observability;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Actors.Observability;

/// <summary>The metrics task actors record, read through OpenTelemetry's in-memory exporter.</summary>
public sealed class TaskMetricsTests : PhaseFlowTestKit
{
    /// <summary>A task type only these tests run, so work left over from other tests in this process cannot add to the counts.</summary>
    private const string Metered = "metered";

    private readonly List<Metric> _metrics = [];
    private readonly MeterProvider _provider;

    public TaskMetricsTests(ITestOutputHelper output)
        : base(output)
    {
        _provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(PhaseFlowTelemetry.MeterName)
            .AddInMemoryExporter(_metrics)
            .Build()!;
    }

    [Fact]
    public async Task PhasesThatCompleteAndFail_AreCountedByTaskTypeAndOutcome_WithTheirDurations()
    {
        var script = new Script(Runs, phases: 4) { Failure = (i, _) => i == 3 ? new InvalidOperationException("no") : null };

        await using var node = TaskNode.Start(Database, Registry());
        await node.Submit("counted", Metered, script.InputJson);
        await WaitForState(node, "counted", TaskLifecycleState.Reverted);

        await AwaitAssertAsync(
            () =>
            {
                Collect();
                Assert.Equal(3, Sum("phaseflow.phases.completed", (TaskTelemetryNames.TaskType, Metered)));
                Assert.Equal(1, Sum("phaseflow.phases.failed", (TaskTelemetryNames.TaskType, Metered), (TaskTelemetryNames.Outcome, TaskTelemetry.Failed)));
                Assert.Equal(3, HistogramCount("phaseflow.phase.duration", (TaskTelemetryNames.TaskType, Metered), (TaskTelemetryNames.Outcome, TaskTelemetry.Completed)));
                Assert.Equal(1, HistogramCount("phaseflow.phase.duration", (TaskTelemetryNames.TaskType, Metered), (TaskTelemetryNames.Outcome, TaskTelemetry.Failed)));

                // Accepted with the first phase's start, each phase's end with the next one's start, the failure, the revert's steps.
                Assert.True(HistogramCount("phaseflow.journal.write.duration") >= 5, $"journal writes recorded: {HistogramCount("phaseflow.journal.write.duration")}");
                Assert.Equal(0, Sum("phaseflow.tasks.recovered"));
            },
            Patience,
            TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task TaskInterruptedByACrash_IsCountedAsRecovered_OnceByTheNextNode()
    {
        var script = new Script(Runs, phases: 2);
        var gate = script.Close(GatePoint.BeforeEffect, 1);

        var first = TaskNode.Start(Database, Registry());
        await first.Submit("recovers", Metered, script.InputJson);
        await gate.Reached.WaitAsync(Patience);
        await first.Abort();
        script.OpenAll();

        await using var second = TaskNode.Start(Database, Registry());
        await WaitForState(second, "recovers", TaskLifecycleState.Succeeded);

        // A settled task whose actor starts again (a status query) is not a recovery: nothing went on.
        second.Forget("recovers");
        await second.Status("recovers");

        Collect();
        Assert.Equal(1, Sum("phaseflow.tasks.recovered", (TaskTelemetryNames.TaskType, Metered)));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _provider.Dispose();
        }

        base.Dispose(disposing);
    }

    private static TaskTypeRegistry Registry() => TestTasks.Registry().Register(new MeteredTask());

    private void Collect()
    {
        lock (_metrics)
        {
            _metrics.Clear();
        }

        _provider.ForceFlush();
    }

    private List<MetricPoint> Points(string name, (string Key, string Value)[] tags)
    {
        List<MetricPoint> matching = [];
        lock (_metrics)
        {
            foreach (var metric in _metrics.Where(m => m.Name == name))
            {
                foreach (ref readonly var point in metric.GetMetricPoints())
                {
                    var pointTags = new Dictionary<string, object?>();
                    foreach (var tag in point.Tags)
                    {
                        pointTags[tag.Key] = tag.Value;
                    }

                    if (tags.All(t => pointTags.TryGetValue(t.Key, out var value) && (string?)value == t.Value))
                    {
                        matching.Add(point);
                    }
                }
            }
        }

        return matching;
    }

    private long Sum(string name, params (string Key, string Value)[] tags) => Points(name, tags).Sum(p => p.GetSumLong());

    private long HistogramCount(string name, params (string Key, string Value)[] tags) => Points(name, tags).Sum(p => p.GetHistogramCount());

    private sealed class MeteredTask : ScriptedTask
    {
        public override string TypeName => Metered;
    }
}
