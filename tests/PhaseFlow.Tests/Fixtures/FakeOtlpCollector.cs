using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// An OTLP/HTTP receiver on a loopback port the OS picks: it keeps the body of every export a node posts to
/// <c>/v1/traces</c> and <c>/v1/metrics</c>. Bodies are protobuf, whose strings are plain UTF-8, so a test can look for
/// a task id or a metric name in them without decoding.
/// </summary>
public sealed class FakeOtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeOtlpCollector(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public ConcurrentQueue<(string Path, string ContentType, byte[] Body)> Exports { get; } = new();

    public static async Task<FakeOtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        FakeOtlpCollector? collector = null;
        app.MapPost("/v1/{signal}", async (HttpContext context, string signal) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            collector!.Exports.Enqueue(($"/v1/{signal}", context.Request.ContentType ?? string.Empty, body.ToArray()));
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        collector = new FakeOtlpCollector(app, new Uri(address));
        return collector;
    }

    /// <summary>Whether an export to <paramref name="path"/> contains every one of <paramref name="texts"/>.</summary>
    public bool Received(string path, params string[] texts) =>
        Exports.Any(e => e.Path == path && texts.All(t => e.Body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(t)) >= 0));

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
