using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PhaseFlow.Actors.Observability;
using PhaseFlow.Contracts.Http;

namespace PhaseFlow.Host.Node;

/// <summary>
/// How a node can be looked at: metrics scraped at <see cref="MetricsPath"/> in Prometheus text format, traces and
/// metrics sent over OTLP when <c>--otlp-endpoint</c> is set, and log lines as text or JSON.
/// </summary>
internal static class NodeTelemetry
{
    /// <summary>OTLP over gRPC (a collector's port 4317 by convention).</summary>
    public const string Grpc = "grpc";

    /// <summary>OTLP over HTTP with protobuf bodies (a collector's port 4318 by convention).</summary>
    public const string Http = "http";

    /// <summary>The route Prometheus scrapes; it obeys the API keys like every read route.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The <c>service.name</c> of the node's traces and metrics.</summary>
    private const string ServiceName = "phaseflow";

    /// <summary>Gets the values of <c>--otlp-protocol</c>.</summary>
    public static IReadOnlyList<string> Protocols { get; } = [Grpc, Http];

    /// <summary>Sets up the node's logs, metrics and traces.</summary>
    /// <param name="builder">The node's builder.</param>
    /// <param name="node">The node's options (already validated).</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddNodeTelemetry(this WebApplicationBuilder builder, NodeOptions node)
    {
        if (string.Equals(node.LogFormat, NodeLogFormats.Json, StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(json =>
            {
                json.IncludeScopes = true;
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";

                // Log lines are not HTML: "'" and "+" stay as they are instead of \u0027 and \u002B.
                json.JsonWriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            });
        }

        var otlp = node.OtlpEndpoint is { Length: > 0 } endpoint ? new Uri(endpoint) : null;
        var http = string.Equals(node.OtlpProtocol, Http, StringComparison.OrdinalIgnoreCase);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                ServiceName,
                serviceVersion: typeof(NodeTelemetry).Assembly.GetName().Version?.ToString(),
                serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithMetrics(metrics =>
            {
                // PhaseFlow's own, the HTTP server's and the runtime's (GC, thread pool, CPU): all built into .NET.
                metrics.AddMeter(PhaseFlowTelemetry.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime")
                    .AddPrometheusExporter();
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(exporter => Point(exporter, otlp, http, "v1/metrics"));
                }
            });

        if (otlp is not null)
        {
            // Spans leave the node only over OTLP; without it nobody listens and phases pay nothing for them.
            telemetry.WithTracing(tracing => tracing
                .AddSource(PhaseFlowTelemetry.SourceName)
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = context => !IsScrapeOrHealth(context.Request.Path))
                .AddOtlpExporter(exporter => Point(exporter, otlp, http, "v1/traces")));
        }

        return builder;
    }

    /// <summary>Maps <see cref="MetricsPath"/>.</summary>
    /// <param name="app">The node.</param>
    /// <returns>The same node.</returns>
    public static WebApplication MapNodeMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }

    private static bool IsScrapeOrHealth(PathString path) =>
        path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(PhaseFlowApi.Health, StringComparison.OrdinalIgnoreCase);

    /// <summary>Points an OTLP exporter at the collector; over HTTP each signal has its own path under the base URL.</summary>
    private static void Point(OtlpExporterOptions exporter, Uri collector, bool http, string signalPath)
    {
        exporter.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        exporter.Endpoint = http ? new Uri(collector.AbsoluteUri.TrimEnd('/') + "/" + signalPath) : collector;
    }
}
