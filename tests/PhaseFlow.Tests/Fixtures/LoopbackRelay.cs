using System.Net;
using System.Net.Sockets;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// One loopback address that stays the same while a node is killed and started again: a port this test binds (port 0,
/// read back) and holds until disposed, relaying each connection to wherever the node listens now.
/// </summary>
/// <remarks>
/// A node binds port 0 at every start (<see cref="NodeProcess"/>), so its address changes when it restarts. A client
/// that must reconnect to the same address (the CLI's <c>watch</c>) is given this relay's instead. While the node is
/// down a connection is accepted and closed at once, which the client sees as the server being away, as it would
/// see a refused connection.
/// </remarks>
public sealed class LoopbackRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<int> _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private LoopbackRelay(Func<int> target)
    {
        _target = target;
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync();
    }

    /// <summary>Gets the relay's address.</summary>
    public Uri Url { get; }

    /// <summary>Starts a relay to a node's current HTTP port.</summary>
    /// <param name="node">The node.</param>
    /// <returns>The relay, listening.</returns>
    public static LoopbackRelay To(NodeProcess node) => new(() => node.HttpPort);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                connections.Add(RelayAsync(client));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Disposed.
        }

        await Task.WhenAll(connections);
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        {
            using var server = new TcpClient();
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _target(), _stop.Token);
                using var both = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                var up = CopyAsync(client, server, both);
                var down = CopyAsync(server, client, both);
                await Task.WhenAny(up, down);
                await both.CancelAsync();
                await Task.WhenAll(up, down);
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or InvalidOperationException)
            {
                // The node is down or starting (no port yet): closing the client's connection says so.
            }
        }
    }

    private static async Task CopyAsync(TcpClient from, TcpClient to, CancellationTokenSource both)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), both.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // One side went away (a killed node, a client done reading): the other side is closed too.
        }
    }
}
