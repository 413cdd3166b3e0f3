using System.Diagnostics;
using Xunit;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// Where the cluster tests find PostgreSQL: the server named by <c>PHASEFLOW_TEST_POSTGRES</c> (what <c>.ci/run</c>
/// sets), or else a private throwaway server this test run starts from the machine's PostgreSQL binaries on a free
/// loopback port and stops when the run ends. So <c>dotnet test actors.sln</c> works on any machine with
/// PostgreSQL installed, configured or not.
/// </summary>
public static class PostgresTestServer
{
    private const string FolderPrefix = "phaseflow-tests-pg-";
    private static readonly Lazy<string> Private = new(StartPrivate, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Gets a connection string to a maintenance database whose user may create databases.</summary>
    public static string ConnectionString
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable(PostgresTestDatabase.ServerVariable);
            return string.IsNullOrWhiteSpace(configured) ? Private.Value : configured;
        }
    }

    private static string StartPrivate()
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(
            $"The cluster tests need PostgreSQL, and none is configured or installed: install it (apt-get install postgresql) " +
            $"so the tests can start a private server, or set {PostgresTestDatabase.ServerVariable} to a connection string of a " +
            "maintenance database whose user may create databases. bash .ci/run does the installing for you.");

        // initdb and postgres refuse to run as root; the package's postgres user runs them then.
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        RemoveStoppedServers();
        var folder = Path.Combine(Path.GetTempPath(), FolderPrefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        if (runAs is not null)
        {
            Run("chown", runAs, folder);
        }

        var data = Path.Combine(folder, "data");
        var port = NodeProcess.FreePort();
        RunAs(runAs, Path.Combine(bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");
        RunAs(
            runAs,
            Path.Combine(bin, "pg_ctl"),
            "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
            "-o", $"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c synchronous_commit=off -c max_connections=400",
            "start");

        // Stop the server when the test run ends, so no test leaves a process behind.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                RunAs(runAs, Path.Combine(bin, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop");
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                // Nothing more can be done while the process exits.
            }
        };
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    /// <summary>Deletes the folders of earlier runs' servers that are stopped (the exit handler may not get to it).</summary>
    private static void RemoveStoppedServers()
    {
        foreach (var stale in Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            if (!File.Exists(Path.Combine(stale, "data", "postmaster.pid")))
            {
                try
                {
                    Directory.Delete(stale, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Another run's; it will be removed later.
                }
            }
        }
    }

    private static string? FindBinaries()
    {
        var candidates = new List<string> { "/usr/local/bin" };
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(v => Path.Combine(v, "bin")));
        }

        return candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "pg_ctl")) && File.Exists(Path.Combine(c, "initdb")));
    }

    private static void RunAs(string? user, string program, params string[] args)
    {
        if (user is null)
        {
            Run(program, args);
        }
        else
        {
            Run("runuser", ["-u", user, "--", program, .. args]);
        }
    }

    private static void Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed with exit code {process.ExitCode}: {error}{output.Result}");
        }
    }
}
