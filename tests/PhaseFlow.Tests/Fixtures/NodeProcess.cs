using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using Xunit;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// A real <c>phaseflow run</c> process on loopback ports of its own, with its database in a folder of its own.
/// Kill it (SIGKILL) or terminate it (SIGTERM) and start it again on the same data.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = CreateJson();
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(60);
    private readonly StringBuilder _output = new();
    private readonly string[] _extraArgs;
    private Process? _process;

    public NodeProcess(string folder, params string[] extraArgs)
    {
        Folder = folder;
        Directory.CreateDirectory(folder);
        _extraArgs = extraArgs;
        HttpPort = FreePort();
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Folder { get; }

    /// <summary>Gets the actor system's TCP port; 0 (the default) lets the node pick any free port at each start.</summary>
    public int AkkaPort { get; init; }

    /// <summary>Gets environment variables given to the node on every start (after those of the test run are removed).</summary>
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>();

    public int HttpPort { get; }

    public HttpClient Http { get; }

    /// <summary>Gets a value indicating whether the process was started and has not exited.</summary>
    public bool IsRunning => _process is { HasExited: false };

    public string DatabasePath => Path.Combine(Folder, "phaseflow.db");

    /// <summary>Gets everything the process wrote to stdout and stderr so far (for failure messages).</summary>
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

    /// <summary>Starts a node in a fresh temporary folder.</summary>
    public static async Task<NodeProcess> StartFreshAsync(params string[] extraArgs)
    {
        var node = new NodeProcess(Path.Combine(Path.GetTempPath(), "phaseflow-tests", Guid.NewGuid().ToString("N")), extraArgs);
        await node.StartAsync();
        return node;
    }

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

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StartPatience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"phaseflow {string.Join(' ', args)} did not exit within {StartPatience}.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the process (again, on the same folder and ports) and waits until <c>/health</c> says ready.</summary>
    public async Task StartAsync()
    {
        Assert.True(_process is null || _process.HasExited, "the node is already running");
        var args = new List<string> { "run", "--urls", $"http://127.0.0.1:{HttpPort}", "--akka-port", AkkaPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--sqlite", DatabasePath };
        args.AddRange(_extraArgs);
        var info = StartInfo(Folder, [.. args]);
        foreach (var (name, value) in Environment)
        {
            info.Environment[name] = value;
        }

        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + StartPatience;
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, $"the node exited with code {(_process.HasExited ? _process.ExitCode : 0)} while starting:\n{Output}");
            try
            {
                using var response = await Http.GetAsync(PhaseFlowApi.Health);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the node was not ready within {StartPatience}:\n{Output}");
    }

    /// <summary>SIGKILL: the process dies at once, mid-whatever, like a power cut of the process.</summary>
    public async Task KillAsync()
    {
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
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
            Assert.Equal(0, kill.ExitCode);
        }

        using var timeout = new CancellationTokenSource(StartPatience);
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    public async Task<TaskCommandResponse> SubmitAsync(string type, object input, string? id = null)
    {
        using var response = await Http.PostAsJsonAsync(PhaseFlowApi.Tasks, new { id, type, input }, Json);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"submit answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<TaskCommandResponse>(Json))!;
    }

    public async Task<TaskResource?> GetAsync(string id)
    {
        using var response = await Http.GetAsync(PhaseFlowApi.Task(id));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        Assert.True(response.IsSuccessStatusCode, $"GET answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<TaskResource>(Json);
    }

    /// <summary>Polls the task until it is in <paramref name="state"/>; fails with the last status otherwise.</summary>
    public async Task<TaskResource> WaitForStateAsync(string id, TaskLifecycleState state, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(30));
        TaskResource? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await GetAsync(id);
            if (last?.State == state)
            {
                return last;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"task {id} did not reach {state}; last status: {JsonSerializer.Serialize(last, Json)}\n{Output}");
    }

    /// <summary>Polls the task until it is settled (<see cref="TaskLifecycleStates.IsSettled"/>) and returns it, whichever settled state it reached.</summary>
    public async Task<TaskResource> WaitForSettledAsync(string id, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(30));
        TaskResource? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await GetAsync(id);
            if (last is not null && last.State.IsSettled())
            {
                return last;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"task {id} did not settle; last status: {JsonSerializer.Serialize(last, Json)}\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        Http.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temp folder.
        }
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }

    private static ProcessStartInfo StartInfo(string workingDirectory, string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(HostAssembly);
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

    /// <summary>Finds a loopback TCP port that is free right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
}
