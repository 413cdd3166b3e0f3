using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// A real HTTP server on 127.0.0.1 (any free port) that serves canned answers in the wire format of
/// src/Contracts/Http, and records every request it receives.
/// </summary>
public sealed class FakePhaseFlowServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakePhaseFlowServer(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    public Uri Url { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    private static readonly Lazy<(Socket Socket, Uri Url)> Unused = new(() =>
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return (socket, new Uri($"http://127.0.0.1:{((IPEndPoint)socket.LocalEndPoint!).Port}"));
    });

    public static async Task<FakePhaseFlowServer> StartAsync(Action<IEndpointRouteBuilder> routes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakePhaseFlowServer? server = null;
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true);
            var body = await reader.ReadToEndAsync();
            context.Request.Body.Position = 0;
            server!.Requests.Enqueue(new RecordedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers["Last-Event-ID"].ToString(),
                body));
            await next(context);
        });
        routes(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server = new FakePhaseFlowServer(app, new Uri(address));
        return server;
    }

    /// <summary>
    /// A URL nothing listens on, so connecting is refused: a loopback port this test run keeps bound, but not listening,
    /// for as long as it runs. A port merely found free could be taken by another process before the test connects.
    /// </summary>
    public static Uri UnusedUrl() => Unused.Value.Url;

    public static IResult Json<T>(T body, int status = StatusCodes.Status200OK) =>
        Results.Text(JsonSerializer.Serialize(body, PhaseFlowJson.Options), "application/json", Encoding.UTF8, status);

    public static IResult Problem(int status, string title, string detail) =>
        Results.Text(
            JsonSerializer.Serialize(new { type = "https://phaseflow.dev/problems/test", title, status, detail }),
            PhaseFlowApi.ProblemContentType,
            Encoding.UTF8,
            status);

    /// <summary>Writes raw server-sent-event text, flushed, then ends the response (the server closes the stream).</summary>
    public static async Task WriteEventsAsync(HttpContext context, string text)
    {
        context.Response.ContentType = "text/event-stream";
        await context.Response.WriteAsync(text);
        await context.Response.Body.FlushAsync();
    }

    /// <summary>One event in the wire format: <c>id</c>, <c>event</c>, <c>data</c>, blank line.</summary>
    public static string Event(TaskChange change) =>
        $"id: {change.Sequence}\nevent: {change.Kind}\ndata: {JsonSerializer.Serialize(change, PhaseFlowJson.Options)}\n\n";

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
