using PhaseFlow.Actors.Hosting;
using PhaseFlow.Host.Node;
using PhaseFlow.Host.Security;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Host.Security;

/// <summary>Safe by default off loopback: the rules, and the real executable refusing to start.</summary>
public sealed class ExposureTests : IDisposable
{
    private const string Key = "a-key-of-twenty-chars";
    private readonly TempFolder _temp = new("exposure");

    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://127.0.0.2:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://[::]:5080", false)]
    [InlineData("http://10.1.2.3:5080", false)]
    [InlineData("http://node1.example:5080", false)]
    [InlineData("http://127.0.0.1:5080;http://10.1.2.3:5081", false)]
    public void Api_BeyondLoopback_NeedsAKeyOrAllowAnonymous(string urls, bool loopbackOnly)
    {
        var node = new NodeOptions { Urls = urls };

        var anonymous = NodeExposure.Problems(node, new ApiAccessOptions(), new PhaseFlowOptions()).ToList();
        var withKey = NodeExposure.Problems(node, new ApiAccessOptions { ApiKeys = [Key] }, new PhaseFlowOptions());
        var withReadKeyOnly = NodeExposure.Problems(node, new ApiAccessOptions { ApiReadKeys = [Key] }, new PhaseFlowOptions());
        var allowed = NodeExposure.Problems(node, new ApiAccessOptions { AllowAnonymous = true }, new PhaseFlowOptions());

        Assert.Equal(loopbackOnly, anonymous.Count == 0);
        Assert.Empty(withKey);
        Assert.Empty(withReadKeyOnly);
        Assert.Empty(allowed);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("localhost", true)]
    [InlineData("::1", true)]
    [InlineData("10.1.2.3", false)]
    [InlineData("node1.example", false)]
    public void ClusterPort_BeyondLoopback_NeedsTlsOrAllowPlaintextCluster(string akkaHost, bool loopbackOnly)
    {
        var plain = NodeExposure.Problems(new NodeOptions(), new ApiAccessOptions(), new PhaseFlowOptions { AkkaHost = akkaHost }).ToList();
        var tls = NodeExposure.Problems(new NodeOptions(), new ApiAccessOptions(), new PhaseFlowOptions { AkkaHost = akkaHost, TlsCertificatePath = "/etc/phaseflow/node.p12" });
        var allowed = NodeExposure.Problems(new NodeOptions(), new ApiAccessOptions { AllowPlaintextCluster = true }, new PhaseFlowOptions { AkkaHost = akkaHost });

        Assert.Equal(loopbackOnly, plain.Count == 0);
        Assert.Empty(tls);
        Assert.Empty(allowed);
    }

    [Theory]
    [InlineData(new[] { "--urls", "http://0.0.0.0:0" }, "listens beyond this machine and no API key is set")]
    [InlineData(new[] { "--akka-host", "10.1.2.3" }, "Give --tls-certificate FILE")]
    [InlineData(new[] { "--api-key", "short-key" }, "--api-key: key 1 has 9 characters; API keys need at least 16")]
    [InlineData(new[] { "--api-read-key", "a key with spaces in it" }, "--api-read-key: key 1 may only contain visible ASCII")]
    [InlineData(new[] { "--api-key", Key, "--api-read-key", Key }, "a key is given both as a full key (--api-key) and as a read key")]
    [InlineData(new[] { "--demo-tasks", "sometimes" }, "--demo-tasks must be on or off; it is 'sometimes'")]
    [InlineData(new[] { "--demo-root", "relative/dir" }, "--demo-root must be an absolute directory path")]
    [InlineData(new[] { "--max-running-tasks", "0" }, "--max-running-tasks must be a whole number, at least 1; it is '0'.")]
    [InlineData(new[] { "--max-event-streams", "0" }, "--max-event-streams must be at least 1")]
    [InlineData(new[] { "--rate-limit", "-1" }, "--rate-limit must be 0 (off)")]
    public async Task Node_UnsafeOrInvalidSecuritySettings_RefusesToStartWithExitCode2(string[] flags, string expected)
    {
        string[] urls = flags.Contains("--urls") ? [] : ["--urls", "http://127.0.0.1:0"];
        var (exitCode, stdout, stderr) = await NodeProcess.RunToExitAsync(_temp.Path, ["run", "--akka-port", "0", .. urls, .. flags]);

        Assert.True(exitCode == 2, $"exit code {exitCode}\n{stdout}\n{stderr}");
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("short-key", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_temp.Path, "data", "phaseflow.db")), "nothing was started");
    }

    [Fact]
    public async Task Node_SwitchVariableNotTrueOrFalse_RefusesToStart()
    {
        var (exitCode, _, stderr) = await NodeProcess.RunToExitAsync(
            _temp.Path, new Dictionary<string, string> { ["PHASEFLOW_ALLOW_ANONYMOUS"] = "yes" }, "run", "--akka-port", "0", "--urls", "http://127.0.0.1:0");

        Assert.Equal(2, exitCode);
        Assert.Contains("PHASEFLOW_ALLOW_ANONYMOUS must be true or false; it is 'yes'", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--allow-anonymous=maybe", "option --allow-anonymous is a switch: give it alone (or --allow-anonymous=true / --allow-anonymous=false), not '--allow-anonymous=maybe'.")]
    [InlineData("--max-running-tasks", "option --max-running-tasks needs a value.")]
    public void NodeSettings_SwitchWithAValueThatIsNotABoolean_IsRefused(string flag, string expected)
    {
        var error = Assert.Throws<NodeConfigurationException>(() =>
            new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddNodeSettings([flag], new System.Collections.Hashtable()));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void NodeSettings_SwitchAlone_IsTrueAndRepeatedKeysAddUp()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddNodeSettings(["--allow-anonymous", "--api-key", "k1-0123456789abcdef", "--api-key", "k2-0123456789abcdef,k3-0123456789abcdef"], new System.Collections.Hashtable())
            .Build();

        Assert.Equal("True", configuration["PhaseFlow:AllowAnonymous"]);
        Assert.Equal(["k1-0123456789abcdef", "k2-0123456789abcdef", "k3-0123456789abcdef"], Enumerable.Range(0, 3).Select(i => configuration[$"PhaseFlow:ApiKeys:{i}"]));
    }

    public void Dispose() => _temp.Dispose();
}
