using System.Diagnostics;
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

    private readonly List<NodeProcess> _others = [];

    private TlsCluster(PostgresTestDatabase database, string folder, X509Certificate2 certificate, string certificatePath, string seeds, IReadOnlyList<NodeProcess> nodes)
    {
        Database = database;
        Folder = folder;
        Certificate = certificate;
        CertificatePath = certificatePath;
        Seeds = seeds;
        Nodes = nodes;
    }

    public PostgresTestDatabase Database { get; }

    public string Folder { get; }

    /// <summary>Gets the certificate the cluster shares.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Gets the PKCS#12 file of <see cref="Certificate"/>.</summary>
    public string CertificatePath { get; }

    /// <summary>Gets the seed nodes every member lists (all members, as <c>akka.ssl.tcp://</c> addresses).</summary>
    public string Seeds { get; }

    public IReadOnlyList<NodeProcess> Nodes { get; }

    /// <summary>Starts <paramref name="size"/> nodes at once and waits until each is ready.</summary>
    public static async Task<TlsCluster> StartAsync(int size = 3)
    {
        var database = await PostgresTestDatabase.CreateAsync();
        var folder = Path.Combine(Path.GetTempPath(), "phaseflow-tests", "tls-cluster-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var certificate = TestCertificate.Create("phaseflow-test-cluster");
        var certificatePath = TestCertificate.WritePkcs12(certificate, Path.Combine(folder, "cluster.pfx"), Password);
        var ports = new List<int>();
        while (ports.Count < size)
        {
            var port = NodeProcess.FreePort();
            if (!ports.Contains(port))
            {
                ports.Add(port);
            }
        }

        var seeds = string.Join(',', ports.Select(p => $"akka.ssl.tcp://phaseflow@127.0.0.1:{p}"));
        var nodes = ports.Select((port, i) => Quick(new NodeProcess(
                Path.Combine(folder, $"node{i}"),
                ["--postgres", database.ConnectionString, "--seed-nodes", seeds, "--tls-certificate", certificatePath])
            {
                AkkaPort = port,
            }))
            .ToList();
        foreach (var node in nodes)
        {
            // The password through the environment, as the README recommends (flags show in process lists).
            node.Environment["PHASEFLOW_TLS_PASSWORD"] = Password;
        }

        var cluster = new TlsCluster(database, folder, certificate, certificatePath, seeds, nodes);
        try
        {
            await Task.WhenAll(nodes.Select(n => n.StartAsync()));
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
            ["--postgres", Database.ConnectionString, "--seed-nodes", Seeds, "--tls-certificate", certificatePath, "--tls-password", Password, .. moreFlags])
        {
            AkkaPort = NodeProcess.FreePort(),
        });
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
        "--postgres", Database.ConnectionString, "--seed-nodes", Seeds, "--tls-certificate", certificatePath, "--tls-password", Password, .. moreFlags,
    ];

    /// <summary>Polls until <paramref name="condition"/> holds; fails with <paramref name="what"/> and every node's output tail otherwise.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan patience)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < patience, $"{what} did not happen within {patience}:\n{OutputTail()}");
            await Task.Delay(200);
        }
    }

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
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temp folder.
        }
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
