using System.Net;
using System.Net.Sockets;
using Npgsql;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Host.Node;

/// <summary>What the node logs: its own lines and Akka's warnings by default, a ready line that says where everything is, and one clear line for a port in use.</summary>
public sealed class NodeLogTests : IDisposable
{
    private readonly TempFolder _temp = new("logs");

    [Fact]
    public async Task By_default_the_node_logs_a_ready_line_with_API_cluster_and_data_and_none_of_Akkas_info_lines()
    {
        await using var node = await NodeProcess.StartFreshAsync();

        Assert.Contains(
            $"PhaseFlow node ready: API http://127.0.0.1:{node.HttpPort}, cluster akka.tcp://phaseflow@127.0.0.1:{node.AkkaPort}, data SQLite {node.DatabasePath}",
            node.Output,
            StringComparison.Ordinal);

        // Akka's INFO lines at start-up: remoting, the cluster's membership, singletons.
        Assert.DoesNotContain("Remoting started", node.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Leader is moving node", node.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Singleton manager started", node.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_level_debug_from_the_environment_brings_Akkas_info_lines_back()
    {
        await using var node = NodeProcess.InNewFolder();
        node.Environment["PHASEFLOW_LOG_LEVEL"] = "debug";
        await node.StartAsync();

        Assert.Contains($"Remoting started; listening on addresses : [akka.tcp://phaseflow@127.0.0.1:{node.AkkaPort}]", node.Output, StringComparison.Ordinal);
        Assert.Contains("Leader is moving node", node.Output, StringComparison.Ordinal);
        Assert.Contains("PhaseFlow node ready: API", node.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ready_line_names_the_PostgreSQL_server_and_database_without_the_password()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();

        // The test server trusts local connections, so any password connects; it must not be logged.
        const string Password = "never-logged-5d1c";
        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Password = Password };
        await using var node = await NodeProcess.StartFreshAsync("--postgres", connection.ConnectionString);

        Assert.Contains($"data PostgreSQL {connection.Host}:{connection.Port}/{connection.Database}", node.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, node.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_HTTP_port_in_use_is_one_line_and_exit_code_2_with_nothing_started_before_it()
    {
        using var occupant = Occupy(out var port);

        var (exitCode, stdout, stderr) = await NodeProcess.RunToExitAsync(_temp.Path, "run", "--urls", $"http://127.0.0.1:{port}", "--akka-port", "0");

        AssertRefused(exitCode, stdout, stderr, $"--urls http://127.0.0.1:{port}: port {port} is already in use by another process; choose another port, or port 0 for any free port.");
    }

    [Fact]
    public async Task An_Akka_port_in_use_is_one_line_and_exit_code_2_with_nothing_started_before_it()
    {
        using var occupant = Occupy(out var port);

        var (exitCode, stdout, stderr) = await NodeProcess.RunToExitAsync(_temp.Path, "run", "--urls", "http://127.0.0.1:0", "--akka-port", $"{port}");

        AssertRefused(exitCode, stdout, stderr, $"--akka-port {port} is already in use by another process; choose another port, or 0 for any free port.");
    }

    public void Dispose() => _temp.Dispose();

    private static TcpListener Occupy(out int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        port = ((IPEndPoint)listener.LocalEndpoint).Port;
        return listener;
    }

    private void AssertRefused(int exitCode, string stdout, string stderr, string expected)
    {
        Assert.Equal(2, exitCode);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal([$"phaseflow: cannot start the node: {expected}"], lines);
        Assert.DoesNotMatch(@"(?i)\b(started|listening|ready)\b|\bat \S+\(", stdout + stderr);

        Assert.False(File.Exists(_temp.Combine(Path.Combine("data", "phaseflow.db"))), "a node that refused to start created no database");
    }
}
