using Akka.Remote.Hosting;
using PhaseFlow.Actors.Hosting;

namespace PhaseFlow.Actors.Remoting;

/// <summary>Akka.Remote's settings for a PhaseFlow node: its host and port, and mutual TLS when a certificate is given.</summary>
internal static class NodeRemoting
{
    /// <summary>Builds the remoting options of a node.</summary>
    /// <param name="options">The node's options (already validated).</param>
    /// <param name="time">The clock the certificate's and peers' validity periods are checked against.</param>
    /// <param name="tlsSummary">One line for the start-up log describing TLS; <see langword="null"/> without TLS.</param>
    /// <returns>The options for <c>WithRemoting</c>.</returns>
    /// <exception cref="ArgumentException">The certificate cannot be used (the validator reports the same at start-up).</exception>
    public static RemoteOptions For(PhaseFlowOptions options, TimeProvider time, out string? tlsSummary)
    {
        var remote = new RemoteOptions { HostName = options.AkkaHost, Port = options.AkkaPort };
        tlsSummary = null;
        if (options.TlsCertificatePath is not { } path)
        {
            return remote;
        }

        var problem = NodeCertificateFile.TryLoad(path, options.TlsCertificatePassword, time.GetUtcNow(), out var certificate);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        var own = CertificateThumbprint.Of(certificate!);
        var policy = new PeerCertificatePolicy([own, .. options.TlsPeerThumbprints], time);
        remote.EnableSsl = true;
        remote.Ssl = new SslOptions
        {
            X509Certificate = certificate,

            // Set explicitly rather than left to Akka's defaults, which have changed between versions.
            SuppressValidation = false,
            RequireMutualAuthentication = true,

            // Nodes are addressed by IP and share one certificate; the policy, not the host name, decides.
            ValidateCertificateHostname = false,
            CustomValidator = policy.ToCallback(),
        };
        tlsSummary = $"node-to-node TLS on (mutual): certificate {certificate!.Subject}, SHA-256 {own}, valid until {certificate.NotAfter.ToUniversalTime():u}; peers accepted with {policy.TrustedThumbprints.Count} certificate(s)";
        return remote;
    }
}
