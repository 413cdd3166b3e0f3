using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// Cuts the traffic between node processes on this machine's loopback interface, for real, with iptables: each node
/// runs in a cgroup of its own, and rules match the cgroup of the socket that sends a packet.
/// </summary>
/// <remarks>
/// <para>
/// Each node listens on its own loopback address (127.0.0.2, 127.0.0.3, …), but Linux sends every loopback connection
/// from 127.0.0.1 whatever its destination, so a rule on addresses alone cannot tell which node sent a packet. The
/// sender's cgroup can: a connection a node opens is marked with that node's number when it starts (conntrack's
/// connmark, in the mangle table), and cutting node A from node B drops, in the OUTPUT chain, what A's sockets send to
/// B's address (connections A opened) and what A's sockets send on connections B opened (B's mark), and the same the
/// other way. Cutting a node from the database drops what its sockets send to the database's port.
/// </para>
/// <para>
/// The rules live in two chains of their own, named after the test host's pid (<c>PHASEFLOW-F-pid</c> and
/// <c>PHASEFLOW-M-pid</c>), jumped to from OUTPUT. <see cref="DisposeAsync"/> removes them and the cgroups; a run
/// whose host died without that removes them at the start of the next run. Needs root, iptables with the cgroup,
/// conntrack and connmark matches, and a cgroup2 hierarchy (mounted here when the machine has none; <c>.ci/run</c>
/// installs iptables).
/// </para>
/// </remarks>
public sealed class NetworkPartition : IAsyncDisposable
{
    private const string ChainPrefix = "PHASEFLOW-";
    private const int MarkBase = 0x7A00;
    private static readonly SemaphoreSlim Iptables = new(1, 1);
    private readonly string _filterChain;
    private readonly string _mangleChain;
    private readonly string _cgroupRoot;
    private readonly string _cgroupPrefix;
    private readonly List<string> _cgroups = [];

    private NetworkPartition(string cgroupRoot, string cgroupPrefix)
    {
        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        _filterChain = $"{ChainPrefix}F-{pid}";
        _mangleChain = $"{ChainPrefix}M-{pid}";
        _cgroupRoot = cgroupRoot;
        _cgroupPrefix = cgroupPrefix;
    }

    /// <summary>Sets up the chains (empty: nothing is cut) and sweeps away what a dead earlier run left.</summary>
    /// <returns>The partition controller.</returns>
    public static async Task<NetworkPartition> CreateAsync()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            throw new InvalidOperationException("The partition tests cut loopback traffic with iptables, which needs Linux and root (CI runs as root).");
        }

        var root = CgroupRoot() ?? await MountCgroup2Async();
        await SweepDeadRunsAsync(root);
        var partition = new NetworkPartition(root, $"phaseflow-test-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        try
        {
            await partition.RunAsync("-N", partition._filterChain);
            await partition.RunAsync("-I", "OUTPUT", "-j", partition._filterChain);
            await partition.RunAsync("-t", "mangle", "-N", partition._mangleChain);
            await partition.RunAsync("-t", "mangle", "-I", "OUTPUT", "-j", partition._mangleChain);
        }
        catch
        {
            await partition.DisposeAsync();
            throw;
        }

        return partition;
    }

    /// <summary>
    /// Gets a node's place in the partition: a cgroup to start it in (see <see cref="NodeProcess.Cgroup"/>) whose
    /// connections are marked with the node's number. Call before the node starts: connections that exist before the
    /// marking rule are never marked.
    /// </summary>
    /// <param name="node">The node's number, 0 to 255.</param>
    /// <returns>The cgroup's folder.</returns>
    public async Task<string> CgroupOfAsync(int node)
    {
        var relative = $"{_cgroupPrefix}/node{node}";
        var folder = Path.Combine(_cgroupRoot, relative);
        Directory.CreateDirectory(folder);
        _cgroups.Add(folder);
        await RunAsync("-t", "mangle", "-A", _mangleChain, "-m", "conntrack", "--ctstate", "NEW", "-m", "cgroup", "--path", relative, "-j", "CONNMARK", "--set-mark", Mark(node));
        return folder;
    }

    /// <summary>Drops all traffic between every node of <paramref name="side"/> and every node of <paramref name="other"/>, both ways.</summary>
    /// <param name="side">The nodes on one side: number and loopback address.</param>
    /// <param name="other">The nodes on the other side.</param>
    /// <returns>A task that completes when the rules are in.</returns>
    public async Task CutAsync(IEnumerable<(int Node, string Address)> side, IEnumerable<(int Node, string Address)> other)
    {
        var others = other.ToList();
        foreach (var a in side)
        {
            foreach (var b in others)
            {
                await DropAsync(a, b);
                await DropAsync(b, a);
            }
        }
    }

    /// <summary>Drops what the given nodes send to the database's TCP port, so they cannot reach it while others can.</summary>
    /// <param name="nodes">The nodes' numbers.</param>
    /// <param name="databasePort">The port the nodes reach the database at on 127.0.0.1.</param>
    /// <returns>A task that completes when the rules are in.</returns>
    public async Task CutDatabaseAsync(IEnumerable<int> nodes, int databasePort)
    {
        foreach (var node in nodes)
        {
            await RunAsync("-A", _filterChain, "-m", "cgroup", "--path", Cgroup(node), "-d", "127.0.0.1", "-p", "tcp", "--dport", databasePort.ToString(CultureInfo.InvariantCulture), "-j", "DROP");
        }
    }

    /// <summary>Removes every cut: traffic flows again.</summary>
    /// <returns>A task that completes when the rules are gone.</returns>
    public Task HealAsync() => RunAsync("-F", _filterChain);

    /// <summary>Lists the cuts in force, for failure messages.</summary>
    /// <returns>iptables' listing of the chain.</returns>
    public Task<string> DescribeAsync() => RunAsync("-S", _filterChain);

    /// <summary>Removes the chains and their jumps, then the cgroups (the nodes must have stopped: a cgroup with a process in it stays).</summary>
    /// <returns>A task that completes when everything is gone.</returns>
    public async ValueTask DisposeAsync()
    {
        await RemoveChainsAsync(_filterChain, _mangleChain);
        foreach (var folder in _cgroups.AsEnumerable().Reverse())
        {
            RemoveCgroup(folder);
        }

        RemoveCgroup(Path.Combine(_cgroupRoot, _cgroupPrefix));
    }

    private static string Mark(int node) => "0x" + (MarkBase + node).ToString("x", CultureInfo.InvariantCulture);

    private string Cgroup(int node) => $"{_cgroupPrefix}/node{node}";

    private async Task DropAsync((int Node, string Address) from, (int Node, string Address) to)
    {
        // What `from` sends to `to`'s address (connections `from` opened) and on connections `to` opened.
        await RunAsync("-A", _filterChain, "-m", "cgroup", "--path", Cgroup(from.Node), "-d", to.Address, "-j", "DROP");
        await RunAsync("-A", _filterChain, "-m", "cgroup", "--path", Cgroup(from.Node), "-m", "connmark", "--mark", Mark(to.Node), "-j", "DROP");
    }

    private static string? CgroupRoot() =>
        File.ReadLines("/proc/self/mounts")
            .Select(line => line.Split(' '))
            .Where(fields => fields.Length > 2 && fields[2] == "cgroup2")
            .Select(fields => fields[1])
            .FirstOrDefault();

    /// <summary>Mounts the cgroup2 hierarchy where a machine has none mounted (cgroup v1 only), at a fixed place later runs find again.</summary>
    private static async Task<string> MountCgroup2Async()
    {
        const string folder = "/run/phaseflow-cgroup2";
        Directory.CreateDirectory(folder);
        var info = new ProcessStartInfo("mount") { ArgumentList = { "-t", "cgroup2", "none", folder }, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var (code, _, stderr) = await ProcessReaper.RunToExitAsync(info, TimeSpan.FromSeconds(30));
        if (code != 0 || CgroupRoot() is not { } root)
        {
            throw new InvalidOperationException($"The partition tests put each node in a cgroup of its own; this machine has no cgroup2 hierarchy mounted and mounting one at {folder} failed: {stderr.Trim()}");
        }

        return root;
    }

    /// <summary>Removes the chains and cgroups of earlier runs whose test host is gone.</summary>
    private static async Task SweepDeadRunsAsync(string cgroupRoot)
    {
        foreach (var (table, chain) in await ChainsAsync())
        {
            var pid = chain[(chain.LastIndexOf('-') + 1)..];
            if (!Directory.Exists($"/proc/{pid}"))
            {
                await RemoveChainsAsync(table == "filter" ? chain : null, table == "mangle" ? chain : null);
            }
        }

        foreach (var folder in Directory.EnumerateDirectories(cgroupRoot, "phaseflow-test-*"))
        {
            var pid = Path.GetFileName(folder).Split('-')[2];
            if (!Directory.Exists($"/proc/{pid}"))
            {
                foreach (var node in Directory.EnumerateDirectories(folder))
                {
                    RemoveCgroup(node);
                }

                RemoveCgroup(folder);
            }
        }
    }

    private static async Task<List<(string Table, string Chain)>> ChainsAsync()
    {
        var chains = new List<(string, string)>();
        foreach (var table in new[] { "filter", "mangle" })
        {
            foreach (var line in (await RunIptablesAsync(["-t", table, "-S"])).Split('\n'))
            {
                if (line.StartsWith("-N " + ChainPrefix, StringComparison.Ordinal))
                {
                    chains.Add((table, line[3..].Trim()));
                }
            }
        }

        return chains;
    }

    private static async Task RemoveChainsAsync(string? filterChain, string? mangleChain)
    {
        foreach (var (table, chain) in new[] { ("filter", filterChain), ("mangle", mangleChain) })
        {
            if (chain is null)
            {
                continue;
            }

            // Each step may fail when an earlier run or start got only part of the way; the next one still runs.
            await TryIptablesAsync(["-t", table, "-D", "OUTPUT", "-j", chain]);
            await TryIptablesAsync(["-t", table, "-F", chain]);
            await TryIptablesAsync(["-t", table, "-X", chain]);
        }
    }

    private static void RemoveCgroup(string folder)
    {
        try
        {
            Directory.Delete(folder); // a cgroup folder is removed with rmdir, its control files with it
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Still has a process, or already gone; the next run's sweep tries again.
        }
    }

    private Task<string> RunAsync(params string[] args) => RunIptablesAsync(args);

    private static async Task TryIptablesAsync(string[] args)
    {
        try
        {
            await RunIptablesAsync(args);
        }
        catch (InvalidOperationException)
        {
            // Nothing to remove.
        }
    }

    private static async Task<string> RunIptablesAsync(string[] args)
    {
        var info = new ProcessStartInfo("iptables") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-w"); // wait for the xtables lock rather than fail
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        await Iptables.WaitAsync();
        try
        {
            var (code, stdout, stderr) = await ProcessReaper.RunToExitAsync(info, TimeSpan.FromSeconds(30));
            if (code != 0)
            {
                throw new InvalidOperationException($"iptables {string.Join(' ', args)} failed with exit code {code}: {stderr.Trim()}");
            }

            return stdout;
        }
        finally
        {
            Iptables.Release();
        }
    }
}
