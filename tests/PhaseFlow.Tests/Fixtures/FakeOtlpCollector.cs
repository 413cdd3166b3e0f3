using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// An OTLP/HTTP receiver on a loopback port the OS picks (a <see cref="FakePhaseFlowServer"/> with two routes): it keeps
/// the body of every export a node posts to <c>/v1/traces</c> and <c>/v1/metrics</c>. Bodies are protobuf, whose
/// strings are plain UTF-8, so a test can look for a task id or a metric name in them without decoding.
/// </summary>
public sealed class FakeOtlpCollector : IAsyncDisposable
{
    private FakePhaseFlowServer _server = null!;

    private FakeOtlpCollector()
    {
    }

    public Uri Address => _server.Url;

    public ConcurrentQueue<(string Path, string ContentType, byte[] Body)> Exports { get; } = new();

    public static async Task<FakeOtlpCollector> StartAsync()
    {
        var collector = new FakeOtlpCollector();
        collector._server = await FakePhaseFlowServer.StartAsync(routes => routes.MapPost("/v1/{signal}", async (HttpContext context, string signal) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            collector.Exports.Enqueue(($"/v1/{signal}", context.Request.ContentType ?? string.Empty, body.ToArray()));
            return Results.Ok();
        }));
        return collector;
    }

    /// <summary>Whether an export to <paramref name="path"/> contains every one of <paramref name="texts"/>.</summary>
    public bool Received(string path, params string[] texts) =>
        Exports.Any(e => e.Path == path && texts.All(t => e.Body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(t)) >= 0));

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
