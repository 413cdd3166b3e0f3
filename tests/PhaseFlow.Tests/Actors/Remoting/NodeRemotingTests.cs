using PhaseFlow.Actors.Hosting;
using PhaseFlow.Actors.Remoting;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Actors.Remoting;

/// <summary>The remoting options a node's settings turn into: plain TCP without a certificate, mutual TLS with the pinning policy with one.</summary>
public sealed class NodeRemotingTests : IDisposable
{
    private const string Password = "remoting-test-password";
    private readonly TempFolder _temp = new("remoting");

    [Fact]
    public void For_NoCertificate_PlainTcpOnTheNodesHostAndPort()
    {
        var remote = NodeRemoting.For(new PhaseFlowOptions { AkkaHost = "10.0.0.5", AkkaPort = 4999 }, TimeProvider.System, out var summary);

        Assert.Equal("10.0.0.5", remote.HostName);
        Assert.Equal(4999, remote.Port);
        Assert.Null(remote.EnableSsl);
        Assert.Null(remote.Ssl.X509Certificate);
        Assert.Null(summary);
    }

    [Fact]
    public void For_Certificate_MutualTlsNeverSuppressedWithThePinningPolicy()
    {
        using var certificate = TestCertificate.Create("remoting-test");
        var path = TestCertificate.WritePkcs12(certificate, Path.Combine(_temp.Path, "node.pfx"), Password);
        using var stranger = TestCertificate.Create("remoting-test");

        var remote = NodeRemoting.For(new PhaseFlowOptions { TlsCertificatePath = path, TlsCertificatePassword = Password }, TimeProvider.System, out var summary);

        Assert.True(remote.EnableSsl);
        Assert.Equal(certificate.Thumbprint, remote.Ssl.X509Certificate!.Thumbprint);
        Assert.True(remote.Ssl.X509Certificate.HasPrivateKey);
        Assert.False(remote.Ssl.SuppressValidation);
        Assert.True(remote.Ssl.RequireMutualAuthentication);
        Assert.False(remote.Ssl.ValidateCertificateHostname);
        var validator = remote.Ssl.CustomValidator!;
        Assert.True(validator(certificate, null, "peer", System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors, Akka.Event.NoLogger.Instance));
        Assert.False(validator(stranger, null, "peer", System.Net.Security.SslPolicyErrors.None, Akka.Event.NoLogger.Instance));
        Assert.StartsWith($"node-to-node TLS on (mutual): certificate CN=remoting-test, SHA-256 {CertificateThumbprint.Of(certificate)}", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void For_WrongPassword_ThrowsTheValidatorsMessage()
    {
        using var certificate = TestCertificate.Create("remoting-test");
        var path = TestCertificate.WritePkcs12(certificate, Path.Combine(_temp.Path, "node.pfx"), Password);

        var e = Assert.Throws<ArgumentException>(() => NodeRemoting.For(new PhaseFlowOptions { TlsCertificatePath = path, TlsCertificatePassword = "wrong" }, TimeProvider.System, out _));

        Assert.StartsWith($"--tls-certificate: '{path}' cannot be opened with the password given", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
