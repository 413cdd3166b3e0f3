using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using PhaseFlow.Actors.Remoting;
using Xunit;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// Real <c>phaseflow</c> node processes on loopback forming one cluster over node-to-node TLS: they share a
/// self-signed certificate the fixture creates (a password-protected PKCS#12 file), list each other as
/// <c>akka.ssl.tcp://</c> seed nodes, and keep their state in a fresh PostgreSQL database.
/// </summary>
/// <remarks>Kept apart from <see cref="TestCluster"/>, whose seed nodes are plain <c>akka.tcp://</c> addresses.</remarks>
public sealed class TlsCluster : IAsyncDisposable
{
    /// <summary>The password of every PKCS#12 file the fixture writes.</summary>
    public const string Password = "tls-test-password-7c1e";

    /// <summary>
    /// The log level of every node: the tests follow the handshakes and the membership in Akka's INFO lines
    /// (members joining and moved Up, a node exiting), which a node logs only with <c>--log-level debug</c>.
    /// </summary>
    private static readonly string[] AkkaInfo = ["--log-level", "debug"];

    private readonly List<NodeProcess> _others = [];

    private readonly TempFolder _folder;

    private TlsCluster(PostgresTestDatabase database, TempFolder folder, X509Certificate2 certificate, string certificatePath, IReadOnlyList<NodeProcess> nodes)
    {
        Database = database;
        _folder = folder;
        Certificate = certificate;
        CertificatePath = certificatePath;
        Nodes = nodes;
    }

    public PostgresTestDatabase Database { get; }

    public string Folder => _folder.Path;

    /// <summary>Gets the certificate the cluster shares.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Gets the PKCS#12 file of <see cref="Certificate"/>.</summary>
    public string CertificatePath { get; }

    /// <summary>Gets the seed nodes a node joining now lists: the members that run, as <c>akka.ssl.tcp://</c> addresses.</summary>
    public string Seeds => string.Join(',', Nodes.Where(n => n.IsRunning && n.AkkaAddress is not null).Select(n => n.AkkaAddress));

    public IReadOnlyList<NodeProcess> Nodes { get; }

    /// <summary>Starts <paramref name="size"/> nodes at once and waits until each is ready.</summary>
    public static async Task<TlsCluster> StartAsync(int size = 3)
    {
        var database = await PostgresTestDatabase.CreateAsync();
        var folder = new TempFolder("tls-cluster");
        var certificate = TestCertificate.Create("phaseflow-test-cluster");
        var certificatePath = TestCertificate.WritePkcs12(certificate, folder.Combine("cluster.pfx"), Password);
        var nodes = Enumerable.Range(0, size)
            .Select(i => Quick(new NodeProcess(folder.Combine($"node{i}"), ["--postgres", database.ConnectionString, "--tls-certificate", certificatePath, .. AkkaInfo])))
            .ToList();
        foreach (var node in nodes)
        {
            // The password through the environment, as the README recommends (flags show in process lists).
            node.Environment["PHASEFLOW_TLS_PASSWORD"] = Password;
        }

        var cluster = new TlsCluster(database, folder, certificate, certificatePath, nodes);
        try
        {
            // The nodes bind any free port: the first forms the cluster, the others join it at the address it reported.
            await nodes[0].StartAsync();
            var seeds = cluster.Seeds;
            foreach (var node in nodes.Skip(1))
            {
                node.FlagsAtStart = () => ["--seed-nodes", seeds];
            }

            await Task.WhenAll(nodes.Skip(1).Select(n => n.StartAsync()));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>
    /// Prepares (does not start) one more node that lists the cluster's seed nodes and uses the certificate in
    /// <paramref name="certificatePath"/> (password <see cref="Password"/>); it is disposed with the cluster.
    /// </summary>
    public NodeProcess Another(string name, string certificatePath, params string[] moreFlags)
    {
        var node = Quick(new NodeProcess(
            Path.Combine(Folder, name),
            ["--postgres", Database.ConnectionString, "--seed-nodes", Seeds, "--tls-certificate", certificatePath, "--tls-password", Password, .. AkkaInfo, .. moreFlags]));
        _others.Add(node);
        return node;
    }

    /// <summary>
    /// The flags of <c>phaseflow run</c> for a node that tries to join this cluster with the certificate in
    /// <paramref name="certificatePath"/> (password <see cref="Password"/>), its SQLite file in <paramref name="folder"/>,
    /// on free ports; for <see cref="NodeProcess.RunToExitAsync"/>.
    /// </summary>
    public IReadOnlyList<string> JoinFlags(string folder, string certificatePath, params string[] moreFlags) =>
    [
        "run", "--urls", "http://127.0.0.1:0", "--akka-port", "0", "--sqlite", Path.Combine(folder, "phaseflow.db"),
        "--postgres", Database.ConnectionString, "--seed-nodes", Seeds, "--tls-certificate", certificatePath, "--tls-password", Password, .. AkkaInfo, .. moreFlags,
    ];

    /// <summary>Waits until <paramref name="condition"/> holds; fails with <paramref name="what"/> and every node's output tail otherwise.</summary>
    public Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan patience) =>
        Eventually.HoldsAsync(
            () =>
            {
                Assert.True(condition(), what);
                return Task.CompletedTask;
            },
            patience,
            OutputTail);

    /// <summary>The end of every node's output, for failure messages.</summary>
    public string OutputTail() => string.Join(
        "\n",
        Nodes.Concat(_others).Select(n => $"--- {Path.GetFileName(n.Folder)} ---\n{(n.Output.Length > 4000 ? n.Output[^4000..] : n.Output)}"));

    /// <summary>The SHA-256 thumbprint PhaseFlow names a certificate by.</summary>
    public static string ThumbprintOf(X509Certificate2 certificate) => CertificateThumbprint.Of(certificate);

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Nodes.Concat(_others).Select(n => n.DisposeAsync().AsTask()));
        await Database.DisposeAsync();
        Certificate.Dispose();
        _folder.Dispose();
    }

    // A quicker split-brain resolver than shipped, but a more patient failure detector: on two shared cores a member
    // starved for a few seconds must not be taken for dead and downed, which would end its process mid-test.
    private static NodeProcess Quick(NodeProcess node)
    {
        node.Environment["PhaseFlow__AcceptableHeartbeatPause"] = TimeSpan.FromSeconds(10).ToString("c", CultureInfo.InvariantCulture);
        node.Environment["PhaseFlow__SplitBrainStableAfter"] = TimeSpan.FromSeconds(5).ToString("c", CultureInfo.InvariantCulture);
        return node;
    }
}
