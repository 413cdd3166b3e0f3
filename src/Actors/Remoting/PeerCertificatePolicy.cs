using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using Akka.Remote.Transport.DotNetty;

namespace PhaseFlow.Actors.Remoting;

/// <summary>
/// Decides which certificates a node accepts from the other end of a node-to-node TLS connection, in both
/// directions (a node dialling out checks the certificate of the node it reached; a node accepting checks the
/// certificate of the node that dialled, as TLS is mutual).
/// </summary>
/// <remarks>
/// <para>
/// The trust model is pinning, not a certificate authority: a peer is accepted only if the certificate it presents
/// is one of the trusted ones, compared by SHA-256 thumbprint (the node's own certificate, which the whole cluster
/// shares, plus any listed with <c>--tls-peer-thumbprints</c> while certificates are rotated), and only while that
/// certificate is within its validity period. The chain and the host name are deliberately not what decides: a
/// chain check against the system's trust store would accept any certificate a public CA ever issued, and
/// nodes are reached by IP address. A refusal is logged as a warning naming the peer and the thumbprint it showed.
/// </para>
/// <para>Thread-safe: the transport calls it from its I/O threads.</para>
/// </remarks>
public sealed class PeerCertificatePolicy
{
    private readonly HashSet<string> _trusted;
    private readonly TimeProvider _time;

    /// <summary>Initializes the policy.</summary>
    /// <param name="trustedThumbprints">SHA-256 thumbprints of the certificates peers may present (see <see cref="CertificateThumbprint"/>); at least one.</param>
    /// <param name="time">The clock validity periods are checked against.</param>
    /// <exception cref="ArgumentException">No thumbprint, or one that is not a SHA-256 thumbprint.</exception>
    public PeerCertificatePolicy(IEnumerable<string> trustedThumbprints, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(trustedThumbprints);
        ArgumentNullException.ThrowIfNull(time);
        _trusted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in trustedThumbprints)
        {
            if (!CertificateThumbprint.TryParse(text, out var thumbprint))
            {
                throw new ArgumentException($"'{text}' is not a SHA-256 thumbprint (64 hex digits).", nameof(trustedThumbprints));
            }

            _trusted.Add(thumbprint);
        }

        if (_trusted.Count == 0)
        {
            throw new ArgumentException("A policy trusts at least one certificate.", nameof(trustedThumbprints));
        }

        _time = time;
    }

    /// <summary>Gets the SHA-256 thumbprints of the certificates peers may present.</summary>
    public IReadOnlyCollection<string> TrustedThumbprints => _trusted;

    /// <summary>Decides whether a peer's certificate is accepted.</summary>
    /// <param name="certificate">The certificate the peer presented; <see langword="null"/> when it presented none.</param>
    /// <param name="reason">Why it is refused, in one sentence; <see langword="null"/> when it is accepted.</param>
    /// <returns>Whether the peer is accepted.</returns>
    public bool Accepts(X509Certificate2? certificate, out string? reason)
    {
        if (certificate is null)
        {
            reason = "it presented no certificate";
            return false;
        }

        var thumbprint = CertificateThumbprint.Of(certificate);
        if (!_trusted.Contains(thumbprint))
        {
            reason = $"its certificate ({certificate.Subject}, SHA-256 {thumbprint}) is not this cluster's certificate nor one listed in --tls-peer-thumbprints";
            return false;
        }

        var now = _time.GetUtcNow();
        if (now < new DateTimeOffset(certificate.NotBefore.ToUniversalTime()) || now > new DateTimeOffset(certificate.NotAfter.ToUniversalTime()))
        {
            reason = $"its certificate ({certificate.Subject}, SHA-256 {thumbprint}) is outside its validity period ({certificate.NotBefore.ToUniversalTime():u} to {certificate.NotAfter.ToUniversalTime():u})";
            return false;
        }

        reason = null;
        return true;
    }

    /// <summary>Gets the policy as Akka.Remote's validation callback, which logs every refusal as a warning.</summary>
    /// <returns>A callback for <see cref="DotNettySslSetup"/>.</returns>
    /// <remarks>
    /// The callback alone decides: the policy errors the platform reports (an untrusted root for a self-signed
    /// certificate, a name mismatch for an IP address) are not consulted, for the reasons in the class remarks.
    /// </remarks>
    public CertificateValidationCallback ToCallback() => Validate;

    private bool Validate(X509Certificate2? certificate, X509Chain? chain, string remotePeer, SslPolicyErrors errors, ILoggingAdapter log)
    {
        if (Accepts(certificate, out var reason))
        {
            return true;
        }

        log?.Warning("Node-to-node TLS: refused the connection with {0}: {1}.", remotePeer, reason);
        return false;
    }
}
