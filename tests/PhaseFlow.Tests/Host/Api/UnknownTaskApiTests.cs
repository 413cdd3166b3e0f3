using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Host.Api;

/// <summary>
/// Requests for ids that were never submitted are answered from the journal: 404, and nothing is written (no
/// sharding entity is started or remembered for them). A node of its own, so no other test's task writes meanwhile.
/// </summary>
public sealed class UnknownTaskApiTests : IAsyncLifetime
{
    private const int RandomIds = 1_000;
    private readonly NodeProcess _node = NodeProcess.InNewFolder();

    public async Task InitializeAsync()
    {
        // A finished task passivates after the idle timeout, which remember-entities records; not during this test.
        _node.Environment["PhaseFlow__IdleTimeout"] = "01:00:00";
        await _node.StartAsync();
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Requests_for_ids_never_submitted_answer_404_and_write_nothing()
    {
        // One real task first: its id is still found, and sharding, the projection and the journal have done their
        // start-up writes before the rows are counted.
        var known = SubmitApiTests.NewId();
        await _node.SubmitAsync("steps", new { count = 2 }, known);
        await _node.WaitForStateAsync(known, TaskLifecycleState.Succeeded);
        await WaitUntilListedAsync(known);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, PhaseFlowApi.Task(known))).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, PhaseFlowApi.Events(known))).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(HttpMethod.Post, PhaseFlowApi.Cancel(known))).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(HttpMethod.Post, PhaseFlowApi.RetryRevert(known))).Status);
        var before = CountRows();

        var wrong = new List<string>();
        for (var i = 0; i < RandomIds; i++)
        {
            var id = "never-" + Guid.NewGuid().ToString("N");
            foreach (var (method, path) in new[]
                     {
                         (HttpMethod.Get, PhaseFlowApi.Task(id)),
                         (HttpMethod.Post, PhaseFlowApi.Cancel(id)),
                         (HttpMethod.Post, PhaseFlowApi.RetryRevert(id)),
                         (HttpMethod.Get, PhaseFlowApi.Events(id)),
                     })
            {
                var (status, body) = await SendAsync(method, path);
                if (status != HttpStatusCode.NotFound || DetailOf(body) != $"No task has id '{id}'.")
                {
                    wrong.Add($"{method} {path}: {(int)status} {body}");
                }
            }
        }

        var after = CountRows();
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {RandomIds * 4} answers were not 404: {string.Join("\n", wrong.Take(5))}");
        Assert.Contains("journal", before.Keys);
        Assert.Contains("sharding_journal", before.Keys);
        Assert.Equal(before, after);
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        using var response = await _node.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string? DetailOf(string problem)
    {
        using var document = JsonDocument.Parse(problem);
        return document.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() : null;
    }

    private Task WaitUntilListedAsync(string id) =>
        Eventually.HoldsAsync(
            async () => (await _node.Http.GetFromJsonAsync<TaskListPage>($"{PhaseFlowApi.Tasks}?state=Succeeded", NodeProcess.Json))!.Items.Select(t => t.Id).ToList(),
            listed => Assert.Contains(id, listed));

    /// <summary>The number of rows of every table in the node's SQLite file.</summary>
    private SortedDictionary<string, long> CountRows()
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = _node.DatabasePath, Pooling = false }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            using var count = connection.CreateCommand();
            count.CommandText = $"SELECT count(*) FROM \"{table}\"";
            counts[table] = (long)count.ExecuteScalar()!;
        }

        return counts;
    }
}
