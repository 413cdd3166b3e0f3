using PhaseFlow.Contracts;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Host.Observability;

/// <summary>A real node started with <c>--otlp-endpoint</c> sends its spans and metrics to a collector over OTLP/HTTP.</summary>
public sealed class OtlpExportTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Node_WithAnOtlpEndpoint_ExportsThePhaseSpansAndTheMetricsOfATask()
    {
        await using var collector = await FakeOtlpCollector.StartAsync();
        await using var node = NodeProcess.InNewFolder("--otlp-endpoint", collector.Address.ToString(), "--otlp-protocol", "http");

        // The SDK's standard variable: export metrics every second instead of every minute.
        node.Environment["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
        await node.StartAsync();

        await node.SubmitUntilAcceptedAsync("steps", new { count = 2 }, "exported");
        await node.WaitForStateAsync("exported", TaskLifecycleState.Succeeded, Patience);

        await Eventually.HoldsAsync(
            () => collector.Exports.Select(e => e.Path).Distinct().ToList(),
            _ =>
            {
                Assert.True(collector.Received("/v1/traces", "phaseflow.task.id", "exported", "phase "), "no span of the task's phases was exported");
                Assert.True(collector.Received("/v1/metrics", "phaseflow.phases.completed", "steps"), "the phase metrics were not exported");
            },
            Patience);
        Assert.All(collector.Exports, e => Assert.Equal("application/x-protobuf", e.ContentType));
    }
}
