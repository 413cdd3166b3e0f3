using Microsoft.Extensions.Time.Testing;
using PhaseFlow.Actors.Hosting;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Actors.Hosting;

/// <summary>Start-up checks of the node-to-node TLS settings: one clear line per problem, naming the flag, never the password.</summary>
public sealed class PhaseFlowOptionsValidatorTlsTests : IDisposable
{
    private const string Password = "correct horse battery staple";
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 18, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _temp = new("tls-options");
    private readonly PhaseFlowOptionsValidator _validator = new(new FakeTimeProvider(Now));

    [Fact]
    public void Validate_UsableCertificateAndTlsSeeds_Succeeds()
    {
        var options = new PhaseFlowOptions
        {
            TlsCertificatePath = WriteCertificate(Now.AddDays(-1), Now.AddDays(30)),
            TlsCertificatePassword = Password,
            SeedNodes = ["akka.ssl.tcp://phaseflow@127.0.0.1:4053"],
        };

        var result = _validator.Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_MissingFile_NamesTheFlagAndThePath()
    {
        var missing = Path.Combine(_temp.Path, "missing.pfx");

        var failure = Assert.Single(Failures(new PhaseFlowOptions { TlsCertificatePath = missing }));

        Assert.Equal($"--tls-certificate: the file '{missing}' does not exist (full path {missing}).", failure);
    }

    [Fact]
    public void Validate_WrongPassword_SaysSoWithoutPrintingEitherPassword()
    {
        var path = WriteCertificate(Now.AddDays(-1), Now.AddDays(30));

        var failure = Assert.Single(Failures(new PhaseFlowOptions { TlsCertificatePath = path, TlsCertificatePassword = "wrong-password" }));

        Assert.Equal($"--tls-certificate: '{path}' cannot be opened with the password given (--tls-password or PHASEFLOW_TLS_PASSWORD); check the password.", failure);
        Assert.DoesNotContain("wrong-password", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FileIsNotPkcs12_SaysHowToConvert()
    {
        var path = Path.Combine(_temp.Path, "cert.pem");
        File.WriteAllText(path, "-----BEGIN CERTIFICATE-----\nnot really\n-----END CERTIFICATE-----\n");

        var failure = Assert.Single(Failures(new PhaseFlowOptions { TlsCertificatePath = path, TlsCertificatePassword = Password }));

        Assert.StartsWith($"--tls-certificate: '{path}' is not a PKCS#12 (.pfx/.p12) file; convert", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CertificateWithoutPrivateKey_SaysTheKeyIsMissing()
    {
        using var certificate = TestCertificate.Create("no-key", Now.AddDays(-1), Now.AddDays(30));
        var path = TestCertificate.WritePkcs12WithoutKey(certificate, Path.Combine(_temp.Path, "no-key.pfx"), Password);

        var failure = Assert.Single(Failures(new PhaseFlowOptions { TlsCertificatePath = path, TlsCertificatePassword = Password }));

        Assert.StartsWith($"--tls-certificate: the certificate in '{path}' (CN=no-key) has no private key;", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ExpiredCertificate_SaysWhenItExpired()
    {
        var path = WriteCertificate(Now.AddDays(-30), Now.AddDays(-1));

        var failure = Assert.Single(Failures(new PhaseFlowOptions { TlsCertificatePath = path, TlsCertificatePassword = Password }));

        Assert.StartsWith($"--tls-certificate: the certificate in '{path}' (CN=test-node) expired on 2026-11-29 18:00:00Z;", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CertificateNotYetValid_SaysFromWhen()
    {
        var path = WriteCertificate(Now.AddDays(1), Now.AddDays(30));

        var failure = Assert.Single(Failures(new PhaseFlowOptions { TlsCertificatePath = path, TlsCertificatePassword = Password }));

        Assert.StartsWith($"--tls-certificate: the certificate in '{path}' (CN=test-node) is not valid before 2026-12-01 18:00:00Z;", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PlainSeedWithTls_AsksForTheTlsScheme()
    {
        var options = new PhaseFlowOptions
        {
            TlsCertificatePath = WriteCertificate(Now.AddDays(-1), Now.AddDays(30)),
            TlsCertificatePassword = Password,
            SeedNodes = ["akka.tcp://phaseflow@10.0.0.5:4053"],
        };

        var failure = Assert.Single(Failures(options));

        Assert.Equal(
            "Seed node 'akka.tcp://phaseflow@10.0.0.5:4053' uses akka.tcp://, but node-to-node TLS is on (--tls-certificate), so every node's address is akka.ssl.tcp://; write it as akka.ssl.tcp://phaseflow@10.0.0.5:4053.",
            failure);
    }

    [Fact]
    public void Validate_TlsSeedWithoutTls_AsksForTheCertificate()
    {
        var failure = Assert.Single(Failures(new PhaseFlowOptions { SeedNodes = ["akka.ssl.tcp://phaseflow@10.0.0.5:4053"] }));

        Assert.StartsWith("Seed node 'akka.ssl.tcp://phaseflow@10.0.0.5:4053' uses akka.ssl.tcp:// (TLS), but this node has no --tls-certificate;", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PasswordOrThumbprintsWithoutCertificate_AreRefused()
    {
        var failures = Failures(new PhaseFlowOptions { TlsCertificatePassword = Password, TlsPeerThumbprints = [new string('A', 64)] });

        Assert.Equal(2, failures.Count);
        Assert.StartsWith("--tls-password (PHASEFLOW_TLS_PASSWORD) is set but --tls-certificate is not;", failures[0], StringComparison.Ordinal);
        Assert.StartsWith("--tls-peer-thumbprints is set but --tls-certificate is not;", failures[1], StringComparison.Ordinal);
        Assert.DoesNotContain(Password, string.Join(' ', failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PeerThumbprintNotSha256_NamesTheValueAndTheFormat()
    {
        var options = new PhaseFlowOptions
        {
            TlsCertificatePath = WriteCertificate(Now.AddDays(-1), Now.AddDays(30)),
            TlsCertificatePassword = Password,
            TlsPeerThumbprints = ["3A1F"],
        };

        var failure = Assert.Single(Failures(options));

        Assert.StartsWith("--tls-peer-thumbprints: '3A1F' is not a SHA-256 thumbprint; give 64 hex digits", failure, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();

    private List<string> Failures(PhaseFlowOptions options)
    {
        var result = _validator.Validate(null, options);
        Assert.True(result.Failed, "the options were expected to be refused");
        return result.Failures.ToList();
    }

    private string WriteCertificate(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var certificate = TestCertificate.Create("test-node", notBefore, notAfter);
        return TestCertificate.WritePkcs12(certificate, Path.Combine(_temp.Path, Guid.NewGuid().ToString("N") + ".pfx"), Password);
    }
}
