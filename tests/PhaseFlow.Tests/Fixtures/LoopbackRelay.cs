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
    private readonly Func<EndPoint> _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private LoopbackRelay(Func<EndPoint> target)
    {
        _target = target;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        Url = new Uri($"http://127.0.0.1:{Port}");
        _accepting = AcceptAsync();
    }

    /// <summary>Gets the relay's address.</summary>
    public Uri Url { get; }

    /// <summary>Gets the port the relay listens on at 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Starts a relay to a node's current HTTP port.</summary>
    /// <param name="node">The node.</param>
    /// <returns>The relay, listening.</returns>
    public static LoopbackRelay To(NodeProcess node) => new(() => new IPEndPoint(IPAddress.Parse(node.Address), node.HttpPort));

    /// <summary>
    /// Starts a relay to a PostgreSQL server, so that nodes reach it over TCP on 127.0.0.1 even when the test server
    /// listens on a Unix socket only (see <see cref="PostgresTestServer"/>): a partition test cuts a node from the
    /// database by dropping what it sends to this port.
    /// </summary>
    /// <param name="connectionString">A connection string of the server.</param>
    /// <returns>The relay, listening.</returns>
    public static LoopbackRelay ToDatabase(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        EndPoint server = builder.Host!.StartsWith('/')
            ? new UnixDomainSocketEndPoint(Path.Combine(builder.Host, $".s.PGSQL.{builder.Port}"))
            : new DnsEndPoint(builder.Host, builder.Port);
        return new LoopbackRelay(() => server);
    }

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
            try
            {
                var target = _target();
                using var server = target.AddressFamily == AddressFamily.Unix
                    ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
                    : new Socket(SocketType.Stream, ProtocolType.Tcp);
                await server.ConnectAsync(target, _stop.Token);
                using var both = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                await using var serverStream = new NetworkStream(server, ownsSocket: false);
                var up = CopyAsync(client.GetStream(), serverStream, both);
                var down = CopyAsync(serverStream, client.GetStream(), both);
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

    private static async Task CopyAsync(Stream from, Stream to, CancellationTokenSource both)
    {
        try
        {
            await from.CopyToAsync(to, both.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // One side went away (a killed node, a client done reading): the other side is closed too.
        }
    }
}
