using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Host.Node;

/// <summary>
/// Start-up of the real executable with node-to-node TLS settings that cannot work: exit code 2 and one line naming
/// the flag, without the password, a .NET type name or a stack trace.
/// </summary>
public sealed class NodeTlsStartupTests : IDisposable
{
    private const string Password = "s3cret-tls-password";
    private readonly TempFolder _temp = new("tls-startup");
    private readonly string _certificate;

    public NodeTlsStartupTests()
    {
        using var certificate = TestCertificate.Create("startup-test");
        _certificate = TestCertificate.WritePkcs12(certificate, Path.Combine(_temp.Path, "node.pfx"), Password);
    }

    [Theory]
    [InlineData("wrong password", "cannot be opened with the password given (--tls-password or PHASEFLOW_TLS_PASSWORD)")]
    [InlineData("missing file", "--tls-certificate: the file '")]
    [InlineData("plain seed", "uses akka.tcp://, but node-to-node TLS is on (--tls-certificate)")]
    [InlineData("expired", "expired on")]
    [InlineData("tls seed without certificate", "uses akka.ssl.tcp:// (TLS), but this node has no --tls-certificate")]
    public async Task Run_UnusableTlsSettings_ExitsWith2AndOneLineNamingTheFlag(string scenario, string expected)
    {
        var expired = Path.Combine(_temp.Path, "expired.pfx");
        using (var old = TestCertificate.Create("expired", DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1)))
        {
            TestCertificate.WritePkcs12(old, expired, Password);
        }

        string[] tls = scenario switch
        {
            "wrong password" => ["--tls-certificate", _certificate, "--tls-password", "not-the-password"],
            "missing file" => ["--tls-certificate", Path.Combine(_temp.Path, "missing.pfx"), "--tls-password", Password],
            "plain seed" => ["--tls-certificate", _certificate, "--tls-password", Password, "--seed-nodes", "akka.tcp://phaseflow@127.0.0.1:4053"],
            "expired" => ["--tls-certificate", expired, "--tls-password", Password],
            "tls seed without certificate" => ["--seed-nodes", "akka.ssl.tcp://phaseflow@127.0.0.1:4053"],
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };

        var (exitCode, stdout, stderr) = await NodeProcess.RunToExitAsync(_temp.Path, ["run", "--urls", "http://127.0.0.1:0", "--akka-port", "0", .. tls]);

        Assert.Equal(2, exitCode);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        var output = stdout + stderr;
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.DoesNotContain(Password, output, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("PhaseFlow.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_temp.Path, "data", "phaseflow.db")), "a node that refused to start created no database");
    }

    public void Dispose() => _temp.Dispose();
}
