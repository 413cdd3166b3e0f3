using System.Net.Security;
using Akka.Event;
using Microsoft.Extensions.Time.Testing;
using PhaseFlow.Actors.Remoting;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Actors.Remoting;

/// <summary>The trust decision of node-to-node TLS: the cluster's own certificate or a listed one, within its validity period; nothing else.</summary>
public sealed class PeerCertificatePolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 18, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);

    [Fact]
    public void Accepts_OwnCertificate_Accepted()
    {
        using var own = TestCertificate.Create("cluster", Now.AddDays(-1), Now.AddDays(30));
        var policy = new PeerCertificatePolicy([CertificateThumbprint.Of(own)], _time);

        Assert.True(policy.Accepts(own, out var reason));
        Assert.Null(reason);
    }

    [Fact]
    public void Accepts_OtherCertificateWithTheSameSubject_RefusedNamingItsThumbprint()
    {
        using var own = TestCertificate.Create("cluster", Now.AddDays(-1), Now.AddDays(30));
        using var other = TestCertificate.Create("cluster", Now.AddDays(-1), Now.AddDays(30));
        var policy = new PeerCertificatePolicy([CertificateThumbprint.Of(own)], _time);

        Assert.False(policy.Accepts(other, out var reason));
        Assert.Contains(CertificateThumbprint.Of(other), reason, StringComparison.Ordinal);
        Assert.Contains("not this cluster's certificate", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_ListedPeerThumbprintWrittenWithColonsInLowerCase_Accepted()
    {
        using var own = TestCertificate.Create("cluster", Now.AddDays(-1), Now.AddDays(30));
        using var next = TestCertificate.Create("cluster-next", Now.AddDays(-1), Now.AddDays(30));
        var openSslStyle = string.Join(':', CertificateThumbprint.Of(next).Chunk(2).Select(c => new string(c))).ToLowerInvariant();
        var policy = new PeerCertificatePolicy([CertificateThumbprint.Of(own), openSslStyle], _time);

        Assert.True(policy.Accepts(next, out _));
    }

    [Fact]
    public void Accepts_OwnCertificateAfterItExpired_Refused()
    {
        using var own = TestCertificate.Create("cluster", Now.AddDays(-1), Now.AddDays(30));
        var policy = new PeerCertificatePolicy([CertificateThumbprint.Of(own)], _time);

        _time.Advance(TimeSpan.FromDays(31));

        Assert.False(policy.Accepts(own, out var reason));
        Assert.Contains("outside its validity period", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_OwnCertificateBeforeItIsValid_Refused()
    {
        using var own = TestCertificate.Create("cluster", Now.AddDays(1), Now.AddDays(30));
        var policy = new PeerCertificatePolicy([CertificateThumbprint.Of(own)], _time);

        Assert.False(policy.Accepts(own, out var reason));
        Assert.Contains("outside its validity period", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_NoCertificate_Refused()
    {
        using var own = TestCertificate.Create("cluster", Now.AddDays(-1), Now.AddDays(30));
        var policy = new PeerCertificatePolicy([CertificateThumbprint.Of(own)], _time);

        Assert.False(policy.Accepts(null, out var reason));
        Assert.Equal("it presented no certificate", reason);
    }

    [Fact]
    public void ToCallback_SelfSignedOwnCertificateWithChainErrors_AcceptedBecauseThePinDecides()
    {
        using var own = TestCertificate.Create("cluster", Now.AddDays(-1), Now.AddDays(30));
        using var other = TestCertificate.Create("stranger", Now.AddDays(-1), Now.AddDays(30));
        var callback = new PeerCertificatePolicy([CertificateThumbprint.Of(own)], _time).ToCallback();

        // A self-signed certificate always has an untrusted root; what the platform says about the chain does not count.
        Assert.True(callback(own, null, "akka.ssl.tcp://phaseflow@127.0.0.1:1", SslPolicyErrors.RemoteCertificateChainErrors, NoLogger.Instance));
        Assert.False(callback(other, null, "akka.ssl.tcp://phaseflow@127.0.0.1:1", SslPolicyErrors.None, NoLogger.Instance));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ABCD")]
    [InlineData("zz00000000000000000000000000000000000000000000000000000000000000")]
    public void Constructor_NotASha256Thumbprint_Throws(string thumbprint)
    {
        Assert.Throws<ArgumentException>(() => new PeerCertificatePolicy([thumbprint], _time));
    }
}
