using System.Net;
using PhaseFlow.Actors.Hosting;
using PhaseFlow.Host.Node;

namespace PhaseFlow.Host.Security;

/// <summary>
/// Safe by default off loopback: a node whose API listens beyond this machine needs API keys, and one whose cluster
/// port does needs TLS, unless the operator says in so many words that they accept the risk.
/// </summary>
internal static class NodeExposure
{
    /// <summary>Lists why the node must not start as configured.</summary>
    /// <param name="node">The stock node's settings (where the API listens).</param>
    /// <param name="access">The API keys and the explicit permissions.</param>
    /// <param name="options">The actor system's settings (where the cluster port listens, TLS).</param>
    /// <returns>One message per problem, each naming the fix.</returns>
    public static IEnumerable<string> Problems(NodeOptions node, ApiAccessOptions access, PhaseFlowOptions options)
    {
        var exposed = node.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && !IsLoopback(uri.DnsSafeHost))
            .ToList();
        if (exposed.Count > 0 && !access.RequiresKeys && !access.AllowAnonymous)
        {
            yield return $"--urls {string.Join(';', exposed)} listens beyond this machine and no API key is set, so anyone who reaches it " +
                $"could submit, cancel and list every task. Give --api-key KEY (at least {ApiAccessOptions.MinKeyLength} characters), " +
                "or --allow-anonymous if the network itself keeps strangers out.";
        }

        if (!IsLoopback(options.AkkaHost) && string.IsNullOrEmpty(options.TlsCertificatePath) && !access.AllowPlaintextCluster)
        {
            yield return $"--akka-host {options.AkkaHost} is reachable beyond this machine and the cluster traffic is not encrypted, so anyone who " +
                "reaches the cluster port could join the cluster. Give --tls-certificate FILE (see the README, \"Node-to-node TLS\"), " +
                "or --allow-plaintext-cluster if the network itself keeps strangers out.";
        }
    }

    /// <summary>Tells whether a host name or address only reaches this machine.</summary>
    /// <param name="host">A host name or IP address (IPv6 with or without brackets).</param>
    /// <returns><see langword="true"/> for <c>localhost</c> and loopback addresses.</returns>
    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
