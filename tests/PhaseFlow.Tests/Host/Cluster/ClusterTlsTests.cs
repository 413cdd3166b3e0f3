using System.Net;
using System.Text.RegularExpressions;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Host.Cluster;

/// <summary>
/// Node-to-node TLS on real node processes: three nodes sharing one certificate form a cluster over
/// <c>akka.ssl.tcp</c> and run tasks; a node with another certificate is refused and never becomes a member.
/// </summary>
public sealed class ClusterTlsTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private TlsCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TlsCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Three_nodes_sharing_a_certificate_form_a_cluster_over_TLS_and_run_tasks_to_Succeeded()
    {
        foreach (var node in _cluster.Nodes)
        {
            Assert.Contains($"cluster akka.ssl.tcp://phaseflow@127.0.0.1:{node.AkkaPort}, data PostgreSQL", node.Output, StringComparison.Ordinal);
            Assert.Contains($"node-to-node TLS on (mutual): certificate CN=phaseflow-test-cluster, SHA-256 {TlsCluster.ThumbprintOf(_cluster.Certificate)}", node.Output, StringComparison.Ordinal);
        }

        // Each node's submissions are read back through another node: the answers cross the TLS connections.
        var ids = Enumerable.Range(0, 9).Select(i => $"tls-{i}").ToList();
        for (var i = 0; i < ids.Count; i++)
        {
            var journal = Path.Combine(_cluster.Folder, ids[i] + ".journal");
            await _cluster.Nodes[i % 3].SubmitAsync("steps", new { count = 3, delayMs = 20, journal }, ids[i]);
        }

        for (var i = 0; i < ids.Count; i++)
        {
            await _cluster.Nodes[(i + 1) % 3].WaitForStateAsync(ids[i], TaskLifecycleState.Succeeded, Patience);
            StepsJournal.AssertRanOnce(ids[i], File.ReadAllLines(Path.Combine(_cluster.Folder, ids[i] + ".journal")), 3);
        }

        await _cluster.WaitUntilAsync(() => MovedUp().Count == 3, "three members moved to Up", Patience);
        Assert.Equal(_cluster.Nodes.Select(n => n.AkkaPort).Order(), MovedUp().Order());
    }

    [Fact]
    public async Task A_node_that_does_not_accept_the_members_certificate_refuses_them_and_exits_with_79()
    {
        using var stranger = TestCertificate.Create("phaseflow-stranger");
        var strangerPath = TestCertificate.WritePkcs12(stranger, Path.Combine(_cluster.Folder, "stranger.pfx"), TlsCluster.Password);
        var clusterThumbprint = TlsCluster.ThumbprintOf(_cluster.Certificate);
        var folder = Path.Combine(_cluster.Folder, "distrustful");
        Directory.CreateDirectory(folder);

        // Its TLS client refuses the members' certificate; Akka.Remote then shuts the node down (a failed outgoing handshake).
        var (exitCode, stdout, stderr) = await NodeProcess.RunToExitAsync(folder, [.. _cluster.JoinFlags(folder, strangerPath)]);

        Assert.Equal(79, exitCode);
        Assert.Contains($"Node-to-node TLS: refused the connection with ssl.tcp://phaseflow@127.0.0.1:", stdout, StringComparison.Ordinal);
        Assert.Contains($"(CN=phaseflow-test-cluster, SHA-256 {clusterThumbprint}) is not this cluster's certificate nor one listed in --tls-peer-thumbprints", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("PhaseFlow node ready", stdout, StringComparison.Ordinal);
        Assert.StartsWith("phaseflow: the node stopped: a TLS handshake it started with another node failed", stderr.Trim(), StringComparison.Ordinal);

        // Nothing of it reached the members: three members, all still serving.
        var port = NodeProcess.JoiningPortIn(stdout) ?? throw new InvalidOperationException($"the stranger did not log its cluster port:\n{stdout}");
        await AssertMembersAreTheThreeAsync(port);
    }

    [Fact]
    public async Task A_node_with_another_certificate_that_trusts_the_members_is_refused_by_them_and_never_becomes_a_member()
    {
        using var stranger = TestCertificate.Create("phaseflow-stranger");
        var strangerPath = TestCertificate.WritePkcs12(stranger, Path.Combine(_cluster.Folder, "stranger.pfx"), TlsCluster.Password);
        var strangerThumbprint = TlsCluster.ThumbprintOf(stranger);

        // It lists the members' certificate as a peer, so it accepts them: only the members' check of its certificate
        // (TLS is mutual) keeps it out. It keeps trying to join, so it never reports ready and its start never completes.
        var trusting = _cluster.Another("trusting", strangerPath, "--tls-peer-thumbprints", TlsCluster.ThumbprintOf(_cluster.Certificate));
        var start = trusting.StartAsync();

        // How the refused handshake ends on the stranger's side depends on timing: it keeps trying to join, or Akka
        // shuts it down (exit code 79) because a handshake it started failed. Either way it never joins.
        await _cluster.WaitUntilAsync(
            () => _cluster.Nodes.Sum(n => Refusals(n.Output, strangerThumbprint)) >= 2
                && _cluster.Nodes.Any(n => n.Output.Contains("due to TLS handshake failure", StringComparison.Ordinal))
                && (Regex.Matches(trusting.Output, "Couldn't join seed nodes after").Count >= 2 || !trusting.IsRunning),
            "the members refusing the stranger's certificate twice and rejecting its connection, and the stranger failing to join twice or giving up",
            Patience);

        if (trusting.IsRunning)
        {
            using var health = await trusting.Http.GetAsync(PhaseFlowApi.Health);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Contains("has not joined a cluster yet", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("Exiting with [ExitCode:79]", trusting.Output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Welcome from", trusting.Output, StringComparison.Ordinal);
        await AssertMembersAreTheThreeAsync(trusting.AkkaPort);

        await trusting.KillAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => start);
    }

    // No member saw the stranger join, the members that were moved Up are the three, and they still run tasks.
    private async Task AssertMembersAreTheThreeAsync(int strangerPort)
    {
        foreach (var member in _cluster.Nodes)
        {
            Assert.True(member.IsRunning, $"member {Path.GetFileName(member.Folder)} is no longer running:\n{_cluster.OutputTail()}");
            Assert.DoesNotContain($":{strangerPort}] is JOINING", member.Output, StringComparison.Ordinal);
        }

        Assert.Equal(_cluster.Nodes.Select(n => n.AkkaPort).Order(), MovedUp().Order());
        var id = "after-" + strangerPort;
        await _cluster.Nodes[0].SubmitAsync("steps", new { count = 2, delayMs = 20, journal = Path.Combine(_cluster.Folder, id + ".journal") }, id);
        await _cluster.Nodes[2].WaitForStateAsync(id, TaskLifecycleState.Succeeded, Patience);
    }

    // The line PeerCertificatePolicy logs when it refuses a peer, naming the certificate the peer presented.
    private static int Refusals(string output, string thumbprint) =>
        output.Split('\n').Count(l => l.Contains("Node-to-node TLS: refused the connection with", StringComparison.Ordinal) && l.Contains(thumbprint, StringComparison.Ordinal));

    // Akka's leader logs each member it moves to Up; collect their ports over every member's log.
    private List<int> MovedUp() => _cluster.Nodes
        .SelectMany(n => Regex.Matches(n.Output, @"Leader is moving node \[akka\.ssl\.tcp://phaseflow@127\.0\.0\.1:(\d+)\] to \[Up\]"))
        .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
        .Distinct()
        .ToList();
}
