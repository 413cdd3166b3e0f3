using System.Diagnostics;
using System.Text;
using Npgsql;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// Where the cluster tests find PostgreSQL: the server named by <c>PHASEFLOW_TEST_POSTGRES</c> (what <c>.ci/run</c>
/// sets), or else a private throwaway server this test run starts from the machine's PostgreSQL binaries. So
/// <c>dotnet test actors.sln</c> works on any machine with PostgreSQL installed, configured or not.
/// </summary>
/// <remarks>
/// The private server listens on a Unix socket in its own folder and on no TCP port, so no other process can take its
/// address between choosing and binding it. It is a child of the test run (<see cref="ProcessReaper"/>): it gets an
/// immediate shutdown when the run ends, and its folder goes with the run folder, even when the test host is killed.
/// </remarks>
public static class PostgresTestServer
{
    // The socket file is named after the port; with no TCP listener the number only has to match the clients'.
    private const int SocketPort = 5432;
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(60);
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

        // initdb and postgres refuse to run as root; the package's postgres user runs them then. The folder name is
        // short because a Unix socket's path may not exceed 107 bytes.
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        var folder = Path.Combine(ProcessReaper.RunFolder, "pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        if (runAs is not null)
        {
            Run(Program("chown", [runAs, folder]));
        }

        var data = Path.Combine(folder, "data");
        Run(Program(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"], runAs));

        var server = Program(
            Path.Combine(bin, "postgres"),
            ["-D", data, "-p", $"{SocketPort}", "-k", folder, "-c", "listen_addresses=", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=400"],
            runAs);
        var output = new StringBuilder();
        var process = ProcessReaper.Start(server, "QUIT");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var connectionString = new NpgsqlConnectionStringBuilder { Host = folder, Port = SocketPort, Username = "postgres", Database = "postgres" }.ConnectionString;
        try
        {
            WaitUntilAccepting(process, connectionString, output);
        }
        catch
        {
            // A server that did not come up in time is not left running for the rest of the run.
            process.Kill(entireProcessTree: true);
            throw;
        }

        return connectionString;
    }

    // On the thread pool: this runs inside a Lazy, possibly on a test's synchronisation context, which must not block on itself.
    private static void WaitUntilAccepting(Process process, string connectionString, StringBuilder output) =>
        Task.Run(() => Eventually.HoldsAsync(
            async () =>
            {
                if (process.HasExited)
                {
                    throw Eventually.GiveUp($"the private PostgreSQL server exited with code {process.ExitCode} while starting:\n{Text(output)}");
                }

                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync();
            },
            StartPatience,
            () => Text(output))).GetAwaiter().GetResult();

    private static string? FindBinaries()
    {
        var candidates = new List<string> { "/usr/local/bin" };
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(v => Path.Combine(v, "bin")));
        }

        return candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "postgres")) && File.Exists(Path.Combine(c, "initdb")));
    }

    /// <summary>
    /// A program to run, as <paramref name="user"/> when one is given: <c>setpriv</c> changes the user and then
    /// replaces itself with the program (unlike <c>runuser</c>, which stays as its parent), so the process the
    /// reaper knows is the server itself.
    /// </summary>
    private static ProcessStartInfo Program(string program, string[] args, string? user = null)
    {
        var info = new ProcessStartInfo(user is null ? program : "setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (user is not null)
        {
            foreach (var arg in new[] { $"--reuid={user}", $"--regid={user}", "--init-groups", "--", program })
            {
                info.ArgumentList.Add(arg);
            }
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    private static void Run(ProcessStartInfo info)
    {
        using var process = ProcessReaper.Start(info);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{info.FileName} {string.Join(' ', info.ArgumentList)} failed with exit code {process.ExitCode}: {error}{output.Result}");
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
