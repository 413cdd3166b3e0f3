using System.Globalization;
using System.Net;
using System.Net.Sockets;
using PhaseFlow.Actors.Hosting;

namespace PhaseFlow.Host.Node;

/// <summary>
/// Checks, before anything starts, that the ports the node will listen on are free, so a port taken by another
/// process is one clear line rather than a half-started node and a stack trace.
/// </summary>
/// <remarks>
/// Akka.Remote sets SO_REUSEADDR on its listening socket, which on Linux (.NET sets SO_REUSEPORT with it) lets a second
/// node listen on a port another node holds, and both then receive half of the cluster's connections. The check binds
/// with plain SO_REUSEADDR, which tolerates connections of an earlier run still in TIME_WAIT but fails on any listener.
/// </remarks>
internal static class NodePorts
{
    // SOL_SOCKET and SO_REUSEADDR on Linux; .NET's ReuseAddress option would also set SO_REUSEPORT there.
    private const int SolSocket = 1;
    private const int SoReuseAddress = 2;

    /// <summary>Finds the first fixed port that another process already listens on.</summary>
    /// <param name="node">The node's HTTP settings.</param>
    /// <param name="options">The node's cluster settings.</param>
    /// <returns>What is in use and what to do, as one line; <see langword="null"/> when every port is free (or chosen by the system).</returns>
    public static string? FindPortInUse(NodeOptions node, PhaseFlowOptions options)
    {
        foreach (var url in node.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Port > 0 && IsInUse(HttpAddress(uri.Host), uri.Port))
            {
                return $"--urls {url}: port {uri.Port.ToString(CultureInfo.InvariantCulture)} is already in use by another process; choose another port, or port 0 for any free port.";
            }
        }

        if (options.AkkaPort > 0 && AkkaAddress(options.AkkaHost) is { } akka && IsInUse(akka, options.AkkaPort))
        {
            return $"--akka-port {options.AkkaPort.ToString(CultureInfo.InvariantCulture)} is already in use by another process; choose another port, or 0 for any free port.";
        }

        return null;
    }

    private static bool IsInUse(IPAddress address, int port)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (OperatingSystem.IsLinux())
        {
            socket.SetRawSocketOption(SolSocket, SoReuseAddress, BitConverter.GetBytes(1));
        }

        try
        {
            socket.Bind(new IPEndPoint(address, port));
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
        catch (SocketException)
        {
            // Not a local address, or not allowed: the server's own bind says so with its own words.
            return false;
        }
    }

    // Kestrel binds "localhost" to the loopback addresses and any other name to all addresses.
    private static IPAddress HttpAddress(string host) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var address) ? address
        : host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
        : IPAddress.Any;

    private static IPAddress? AkkaAddress(string host)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return address;
        }

        try
        {
            return Dns.GetHostAddresses(host).FirstOrDefault();
        }
        catch (SocketException)
        {
            // A name that does not resolve: Akka's start fails with its own message.
            return null;
        }
    }
}
