using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using Xunit;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// A real <c>phaseflow run</c> process on loopback, with its database in a folder of its own. Kill it (SIGKILL) or
/// terminate it (SIGTERM) and start it again on the same data.
/// </summary>
/// <remarks>
/// The node binds its HTTP and Akka ports itself (port 0) at every start, and this reads them from its log, so no
/// port is chosen here and released for another process to take before the node binds it. A restarted node therefore
/// has new ports: <see cref="Http"/> and <see cref="AkkaAddress"/> always name the current ones. The process is
/// started through <see cref="ProcessReaper"/>, so it dies with the test run, and a start that fails kills it.
/// </remarks>
public sealed partial class NodeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopPatience = TimeSpan.FromSeconds(60);
    private readonly StringBuilder _output = new();
    private readonly string[] _extraArgs;
    private readonly TempFolder? _ownFolder;
    private readonly List<HttpClient> _clients = [];
    private readonly Dictionary<int, DateTimeOffset> _exits = [];
    private Process? _process;
    private HttpClient? _http;
    private volatile bool _starting;

    /// <summary>Prepares a node in <paramref name="folder"/> (created if missing; the caller deletes it).</summary>
    /// <param name="folder">The node's working folder; its SQLite database lives there.</param>
    /// <param name="extraArgs">Flags given to the node at every start.</param>
    public NodeProcess(string folder, params string[] extraArgs)
    {
        Folder = folder;
        Directory.CreateDirectory(folder);
        _extraArgs = extraArgs;
    }

    private NodeProcess(TempFolder folder, string[] extraArgs)
        : this(folder.Path, extraArgs) => _ownFolder = folder;

    public string Folder { get; }

    /// <summary>
    /// Gets or sets the node's executable, for example an installed <c>phaseflow</c> tool; by default the host assembly
    /// of this build runs under <c>dotnet</c>.
    /// </summary>
    public string? Executable { get; set; }

    /// <summary>Gets environment variables given to the node on every start (after those of the test run are removed).</summary>
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>();

    /// <summary>Gets or sets flags worked out afresh at every start, after the fixed ones (a cluster node's seed nodes, which change as nodes come and go).</summary>
    public Func<IReadOnlyList<string>>? FlagsAtStart { get; set; }

    /// <summary>
    /// Gets or sets the loopback address the node's HTTP API and actor system bind (127.0.0.1 by default); every node of
    /// a partition test has one of its own.
    /// </summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>
    /// Gets or sets the cgroup folder the node's process is started in (see <see cref="NetworkPartition"/>), or
    /// <see langword="null"/> to start it where the test host runs.
    /// </summary>
    public string? Cgroup { get; set; }

    /// <summary>Gets a client of the running node's HTTP API (a new one after each start: the port changes).</summary>
    public HttpClient Http => _http ?? throw new InvalidOperationException("The node has not been started yet.");

    /// <summary>Gets the HTTP port of the node's current (or last) run.</summary>
    public int HttpPort => Http.BaseAddress!.Port;

    /// <summary>Gets the Akka address of the node's current run once it is ready, for example <c>akka.tcp://phaseflow@127.0.0.1:40123</c>; null when it is not running.</summary>
    public string? AkkaAddress { get; private set; }

    /// <summary>
    /// Gets the actor system's port in the current run: from the ready line, or, for a node that never becomes ready (it
    /// cannot join), from the line it logs before joining.
    /// </summary>
    public int AkkaPort =>
        AkkaAddress is { } address ? new Uri(address).Port
        : JoiningPortIn(Output) ?? throw new InvalidOperationException($"The node has not reported its Akka port yet:\n{Output}");

    /// <summary>Gets when each process this node ran so far exited (seen from here, so a little late), by process id.</summary>
    public IReadOnlyDictionary<int, DateTimeOffset> Exits
    {
        get
        {
            lock (_exits)
            {
                return new Dictionary<int, DateTimeOffset>(_exits);
            }
        }
    }

    /// <summary>Gets the process id of the node's current (or last) run; null before the first start.</summary>
    public int? ProcessId => _process?.Id;

    /// <summary>Gets a value indicating whether the process was started and has not exited.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Gets a value indicating whether <see cref="StartAsync"/> is under way.</summary>
    public bool IsStarting => _starting;

    public string DatabasePath => Path.Combine(Folder, "phaseflow.db");

    /// <summary>Gets a reader of the node's SQLite journal (for a node without <c>--postgres</c>).</summary>
    public JournalReader Journal => JournalReader.Sqlite(DatabasePath);

    /// <summary>Gets everything the process wrote to stdout and stderr so far, over all its runs (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string HostAssembly => Path.Combine(AppContext.BaseDirectory, "phaseflow.dll");

    /// <summary>Prepares a node in a new <see cref="TempFolder"/>, which is deleted when the node is disposed.</summary>
    /// <param name="extraArgs">Flags given to the node at every start.</param>
    /// <returns>The node, not started.</returns>
    public static NodeProcess InNewFolder(params string[] extraArgs) => new(new TempFolder("node"), extraArgs);

    /// <summary>Starts a node in a new temporary folder.</summary>
    public static async Task<NodeProcess> StartFreshAsync(params string[] extraArgs)
    {
        var node = InNewFolder(extraArgs);
        try
        {
            await node.StartAsync();
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        return node;
    }

    /// <summary>The cluster port of the last run in a node's output, from the line it logs before joining (<c>PhaseFlow joining the cluster as …</c>).</summary>
    /// <param name="output">The node's output.</param>
    /// <returns>The port; <see langword="null"/> when the node has not logged it.</returns>
    public static int? JoiningPortIn(string output) =>
        Joining().Matches(output).LastOrDefault() is { } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    /// <summary>Runs <c>phaseflow</c> with the given arguments to completion (for start-up errors and CLI verbs).</summary>
    public static Task<(int ExitCode, string StdOut, string StdErr)> RunToExitAsync(string workingDirectory, params string[] args) =>
        RunToExitAsync(workingDirectory, new Dictionary<string, string>(), args);

    /// <summary>Runs <c>phaseflow</c> with the given environment variables and arguments to completion.</summary>
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunToExitAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = StartInfo(workingDirectory, args);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return await ProcessReaper.RunToExitAsync(info, StartPatience);
    }

    /// <summary>
    /// Starts the process (again, on the same folder) and waits until <c>/health</c> says ready and the node has logged
    /// its Akka address. A node that does not get there is killed before this throws.
    /// </summary>
    public async Task StartAsync()
    {
        Assert.False(IsRunning, "the node is already running");
        _starting = true;
        try
        {
            var from = OutputLength();
            AkkaAddress = null;
            _http = null;
            string[] args = ["run", "--urls", $"http://{Address}:0", "--akka-host", Address, "--akka-port", "0", "--sqlite", DatabasePath, .. _extraArgs, .. FlagsAtStart?.Invoke() ?? []];
            var info = StartInfo(Folder, args, Executable);
            if (Cgroup is not null)
            {
                // The shell moves itself into the cgroup, then becomes the node (same pid), so every socket the node opens is the cgroup's.
                var command = info.FileName;
                info.FileName = "/bin/sh";
                info.ArgumentList.Insert(0, "-c");
                info.ArgumentList.Insert(1, "echo $$ > \"$0/cgroup.procs\" && exec \"$@\"");
                info.ArgumentList.Insert(2, Cgroup);
                info.ArgumentList.Insert(3, command);
            }

            foreach (var (name, value) in Environment)
            {
                info.Environment[name] = value;
            }

            _process?.Dispose();
            var process = _process = ProcessReaper.Start(info);
            var pid = process.Id;
            process.EnableRaisingEvents = true;
            process.Exited += (_, _) =>
            {
                lock (_exits)
                {
                    _exits[pid] = DateTimeOffset.UtcNow;
                }
            };
            if (process.HasExited)
            {
                lock (_exits)
                {
                    _exits.TryAdd(pid, DateTimeOffset.UtcNow);
                }
            }

            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                AkkaAddress = await Eventually.HoldsAsync<string>(() => ReadyAsync(process, from), _ => { }, StartPatience, () => OutputSince(from));
            }
            catch
            {
                await KillAsync();
                throw;
            }
        }
        finally
        {
            _starting = false;
        }
    }

    /// <summary>SIGKILL: the process dies at once, mid-whatever, like a power cut of the process.</summary>
    public async Task KillAsync()
    {
        AkkaAddress = null;
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>SIGTERM: the node shuts down gracefully; returns its exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        var process = _process!;
        AkkaAddress = null;
        using (var kill = ProcessReaper.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false }))
        {
            await kill.WaitForExitAsync();
            Assert.Equal(0, kill.ExitCode);
        }

        using var timeout = new CancellationTokenSource(StopPatience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            throw new TimeoutException($"the node did not stop within {StopPatience} of SIGTERM:\n{Output}");
        }

        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _ownFolder?.Dispose();
    }

    /// <summary>One look at a starting node: its HTTP address in its log, then <c>/health</c>, then its Akka address in its log.</summary>
    private async Task<string> ReadyAsync(Process process, int from)
    {
        if (process.HasExited)
        {
            throw Eventually.GiveUp($"the node exited with code {process.ExitCode} while starting:\n{OutputSince(from)}");
        }

        var output = OutputSince(from);
        if (_http is null)
        {
            var listening = HttpListening().Match(output);
            Assert.True(listening.Success, "the node has not logged its HTTP address yet");
            _http = new HttpClient { BaseAddress = new Uri(listening.Groups[1].Value), Timeout = TimeSpan.FromSeconds(30) };
            _clients.Add(_http);
        }

        using var health = await _http.GetAsync(PhaseFlowApi.Health);
        Assert.True(health.StatusCode == HttpStatusCode.OK, $"/health answered {(int)health.StatusCode}: {await health.Content.ReadAsStringAsync()}");
        var ready = NodeReady().Match(OutputSince(from));
        Assert.True(ready.Success, "the node has not logged its Akka address yet");
        return ready.Groups[1].Value;
    }

    private static ProcessStartInfo StartInfo(string workingDirectory, string[] args, string? executable = null)
    {
        var info = new ProcessStartInfo(executable ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (executable is null)
        {
            info.ArgumentList.Add(HostAssembly);
        }
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // The node must not pick up settings from the machine running the tests.
        foreach (var variable in info.Environment.Keys.Where(k => k.StartsWith("PHASEFLOW", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(variable);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        return info;
    }

    /// <summary>The end of the output, for failure messages.</summary>
    private string OutputTail()
    {
        var output = Output;
        return output.Length > 4000 ? "…" + output[^4000..] : output;
    }

    private int OutputLength()
    {
        lock (_output)
        {
            return _output.Length;
        }
    }

    private string OutputSince(int from)
    {
        lock (_output)
        {
            return _output.ToString(from, _output.Length - from);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    // PhaseFlowNode logs the bound URLs once the HTTP API listens, and its ready line (API, cluster, data) when its member is Up.
    [GeneratedRegex(@"PhaseFlow HTTP API listening on (http://[^\s,]+)")]
    private static partial Regex HttpListening();

    [GeneratedRegex(@"PhaseFlow node ready: API .*?, cluster (akka(?:\.ssl)?\.tcp://[^\s,]+)")]
    private static partial Regex NodeReady();

    [GeneratedRegex(@"PhaseFlow joining the cluster as akka(?:\.ssl)?\.tcp://[^@\s]+@[^:\s]+:(\d+)")]
    private static partial Regex Joining();
}
