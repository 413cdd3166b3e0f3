using System.Diagnostics;
using System.Globalization;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// Starts every process the tests start (nodes, CLI runs, the private PostgreSQL server) and makes sure none outlives
/// the test run, however the run ends, and gives the run one scratch folder (<see cref="RunFolder"/>) that goes with it.
/// </summary>
/// <remarks>
/// <para>Each child is written to <c>RunFolder/children</c> as its pid, its start time (from <c>/proc</c>, so a pid
/// the system reused for another program is never touched) and the signal that stops it at once (KILL for a node,
/// QUIT for PostgreSQL: its immediate shutdown, which also stops its backends and frees its shared memory).
/// Three things read that list:</para>
/// <list type="number">
/// <item>The run's exit (<see cref="AppDomain.ProcessExit"/>): signals the children still alive at once (the test
/// platform kills the host soon after, so it cannot wait for them) and deletes the run folder when none was.</item>
/// <item>A watchdog: a small shell script started at the first use, in a session of its own and deaf to HUP, INT
/// and TERM, that polls the test host's pid every half second. When the host is gone (it exited, crashed, or was
/// killed with SIGKILL, when no handler runs) it signals the children still alive, waits up to 10 s for them,
/// SIGKILLs what is left and deletes the run folder. Linux's
/// <c>PR_SET_PDEATHSIG</c> is not reachable through <see cref="Process.Start()"/>, and a wrapper such as
/// <c>setpriv --pdeathsig</c> ties the child to the thread that forked it, which in .NET is a pool thread that may
/// retire mid-test; a watchdog keyed on the host's pid has neither problem.</item>
/// <item>The next run's start: kills the children left alive and removes the folders of runs whose host is gone (the
/// watchdog's work, done again in case the watchdog itself was killed).</item>
/// </list>
/// <para>The watchdog needs <c>/proc</c> (Linux); elsewhere only the exit handler runs.</para>
/// </remarks>
public static class ProcessReaper
{
    private const string RunPrefix = "run-";
    private const string ChildrenFile = "children";
    private static readonly object Gate = new();
    private static readonly List<(Process Process, string Signal)> Started = [];
    private static readonly Lazy<string> Folder = new(CreateRunFolder, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Gets the folder every test's temporary files live under; it is removed when the test run ends or dies.</summary>
    public static string RunFolder => Folder.Value;

    /// <summary>Gets the folder the run folders of all test runs live in.</summary>
    public static string RunsRoot { get; } = Path.Combine(Path.GetTempPath(), "phaseflow-tests");

    /// <summary>Starts a process that is stopped with SIGKILL if the test run ends while it is still alive.</summary>
    /// <param name="info">What to start.</param>
    /// <returns>The started process.</returns>
    public static Process Start(ProcessStartInfo info) => Start(info, "KILL");

    /// <summary>Starts a process that is sent <paramref name="signal"/> if the test run ends while it is still alive (and SIGKILL if that does not stop it).</summary>
    /// <param name="info">What to start.</param>
    /// <param name="signal">The signal's name as <c>kill -s</c> takes it, for example <c>QUIT</c>.</param>
    /// <returns>The started process.</returns>
    public static Process Start(ProcessStartInfo info, string signal)
    {
        ArgumentNullException.ThrowIfNull(info);
        var folder = RunFolder;
        lock (Gate)
        {
            var process = Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start.");
            Started.Add((process, signal));
            if (StartTimeOf(process.Id) is { } start)
            {
                File.AppendAllText(Path.Combine(folder, ChildrenFile), $"{process.Id} {start} {signal}\n");
            }

            return process;
        }
    }

    /// <summary>Starts a process, collects its standard output and error, and waits for it to exit; kills it if it takes longer than <paramref name="patience"/>.</summary>
    /// <param name="info">What to run; its output must be redirected.</param>
    /// <param name="patience">How long it may take.</param>
    /// <returns>Its exit code and what it wrote.</returns>
    /// <exception cref="TimeoutException">It did not exit in time (it was killed).</exception>
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunToExitAsync(ProcessStartInfo info, TimeSpan patience)
    {
        using var process = Start(info);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{info.FileName} {string.Join(' ', info.ArgumentList)} did not exit within {patience}.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The start time of a process in clock ticks since boot (field 22 of <c>/proc/PID/stat</c>), or null when there is no such process.</summary>
    private static long? StartTimeOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[19], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static string CreateRunFolder()
    {
        Directory.CreateDirectory(RunsRoot);
        RemoveDeadRuns();
        var self = Environment.ProcessId;
        var folder = Path.Combine(RunsRoot, $"{RunPrefix}{self}-{StartTimeOf(self) ?? 0}");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, ChildrenFile), string.Empty);
        StartWatchdog(folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopChildren(folder);
        return folder;
    }

    /// <summary>
    /// At the run's exit: signals what is still running and deletes the run folder if nothing was. The test platform
    /// kills the test host a moment after the run, so this must not wait: the watchdog waits for the children to
    /// stop and then deletes the folder.
    /// </summary>
    private static void StopChildren(string folder)
    {
        List<(Process Process, string Signal)> alive;
        lock (Gate)
        {
            alive = [.. Started.Where(c => !HasExited(c.Process))];
        }

        foreach (var (process, signal) in alive)
        {
            if (signal == "KILL")
            {
                TryKill(process);
            }
            else
            {
                Signal(process.Id, signal);
            }
        }

        if (alive.Count == 0)
        {
            DeleteFolder(folder);
        }
    }

    /// <summary>Removes the folders of earlier runs whose host died, killing any child of theirs still alive.</summary>
    private static void RemoveDeadRuns()
    {
        foreach (var run in Directory.GetDirectories(RunsRoot, RunPrefix + "*"))
        {
            var parts = Path.GetFileName(run)[RunPrefix.Length..].Split('-');
            if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var pid) || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var start))
            {
                continue;
            }

            if (StartTimeOf(pid) == start)
            {
                // That run is still going (another worktree, another terminal).
                continue;
            }

            var children = Path.Combine(run, ChildrenFile);
            if (File.Exists(children))
            {
                foreach (var line in File.ReadAllLines(children))
                {
                    var child = line.Split(' ');
                    if (child.Length == 3 && int.TryParse(child[0], CultureInfo.InvariantCulture, out var childPid) && StartTimeOf(childPid)?.ToString(CultureInfo.InvariantCulture) == child[1])
                    {
                        Signal(childPid, "KILL");
                    }
                }
            }

            DeleteFolder(run);
        }
    }

    private static void StartWatchdog(string folder)
    {
        if (!OperatingSystem.IsLinux() || StartTimeOf(Environment.ProcessId) is not { } hostStart)
        {
            return;
        }

        var script = Path.Combine(folder, "watchdog.sh");
        File.WriteAllText(script, WatchdogScript);

        // setsid: a session of its own, so a signal to the test run's process group (Ctrl-C) does not reach it.
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var arg in new[] { "sh", script, Environment.ProcessId.ToString(CultureInfo.InvariantCulture), hostStart.ToString(CultureInfo.InvariantCulture), folder })
        {
            info.ArgumentList.Add(arg);
        }

        using var watchdog = Process.Start(info);
    }

    private static void Signal(int pid, string signal)
    {
        try
        {
            using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-s", signal, pid.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false, RedirectStandardError = true });
            kill?.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No kill program (not a Unix system): the exit handler's Kill() below still stops the process.
        }
    }

    private static bool HasExited(Process process)
    {
        try
        {
            return process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    private static void TryKill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
    }

    private static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The next run's start tries again.
        }
    }

    /// <summary>
    /// The watchdog: waits while the test host (pid $1, start time $2) lives, then stops the children listed in
    /// $3/children (each only if its start time still matches) and removes $3.
    /// </summary>
    private const string WatchdogScript = """
        #!/bin/sh
        # Stops what a PhaseFlow test run started once the run's process is gone, then removes the run's folder.
        exec </dev/null >/dev/null 2>&1
        trap '' HUP INT TERM
        host=$1 host_start=$2 folder=$3

        # The start time of process $1 (field 22 of its stat; the name in field 2 may hold spaces).
        start_of() {
          stat=$(cat "/proc/$1/stat") || return 1
          set -- ${stat##*') '}
          shift 19
          echo "$1"
        }

        # Sends every child still alive the signal $1, or its own signal when $1 is empty.
        signal_children() {
          [ -f "$folder/children" ] || return 0
          while read -r pid start signal; do
            if [ -n "$pid" ] && [ "$(start_of "$pid")" = "$start" ]; then
              kill -s "${1:-$signal}" "$pid"
            fi
          done < "$folder/children"
        }

        # Succeeds while a child is alive.
        any_alive() {
          [ -f "$folder/children" ] || return 1
          while read -r pid start signal; do
            [ -n "$pid" ] && [ "$(start_of "$pid")" = "$start" ] && return 0
          done < "$folder/children"
          return 1
        }

        while [ "$(start_of "$host")" = "$host_start" ]; do sleep 0.5; done
        signal_children ""
        tries=0
        while any_alive && [ $tries -lt 20 ]; do
          sleep 0.5
          tries=$((tries + 1))
        done
        signal_children KILL
        rm -rf "$folder"
        """;
}
