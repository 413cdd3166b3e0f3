using System.Net;
using System.Net.Http.Json;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Host.Api;

/// <summary>GET /tasks: the read model fed by the journal, its filters and paging, and that it survives a restart.</summary>
public sealed class TaskListApiTests : IAsyncLifetime
{
    private NodeProcess _node = null!;

    public async Task InitializeAsync() => _node = await NodeProcess.StartFreshAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Pages_are_newest_first_without_gaps_or_repeats()
    {
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add($"page-{i}");
            await _node.SubmitAsync("steps", new { count = 1 }, ids[^1]);
        }

        await WaitForListAsync("", page => page.Items.Count == 7);

        var seen = new List<TaskListItem>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await ListAsync($"limit=3{(after is null ? "" : "&after=" + after)}");
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items);
            after = page.Next;
            pages++;
        }
        while (after is not null);

        Assert.Equal(3, pages);
        Assert.Equal(ids.AsEnumerable().Reverse(), seen.Select(i => i.Id));
        Assert.Equal(seen.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id, StringComparer.Ordinal).Select(i => i.Id), seen.Select(i => i.Id));
    }

    [Fact]
    public async Task Filters_by_state_and_type_and_both()
    {
        await _node.SubmitAsync("steps", new { count = 1 }, "ok-1");
        await _node.SubmitAsync("steps", new { count = 2, failAtPhase = 1 }, "failed-1");
        await _node.SubmitAsync("mkdir", new { path = Path.Combine(_node.Folder, "made", "here") }, "dir-1");
        await WaitForListAsync("state=Reverted", page => page.Items.Count == 1);
        await WaitForListAsync("state=Succeeded", page => page.Items.Count == 2);

        Assert.Equal(["failed-1"], (await ListAsync("state=Reverted")).Items.Select(i => i.Id));
        Assert.Equal(["dir-1", "ok-1"], (await ListAsync("state=succeeded")).Items.Select(i => i.Id));
        Assert.Equal(["dir-1"], (await ListAsync("type=mkdir")).Items.Select(i => i.Id));
        Assert.Equal(["ok-1"], (await ListAsync("type=steps&state=Succeeded")).Items.Select(i => i.Id));
        Assert.Empty((await ListAsync("type=nothing-of-this-type")).Items);
        var failed = (await ListAsync("state=Reverted")).Items.Single();
        Assert.Equal(1, failed.PhasesCompleted);
        Assert.Equal("steps", failed.Type);
    }

    [Theory]
    [InlineData("state=Done", "use one of Pending, Running, Succeeded")]
    [InlineData("limit=501", "1 to 500")]
    [InlineData("limit=ten", "1 to 500")]
    [InlineData("after=%%%", "not a cursor")]
    [InlineData("sort=asc", "takes state, type, limit, after")]
    public async Task Bad_list_parameters_are_400(string query, string expected)
    {
        using var response = await _node.Http.GetAsync($"{PhaseFlowApi.Tasks}?{query}");

        var problem = await ProblemResponse.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(expected, problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_survives_a_restart_and_catches_up_with_what_happened_meanwhile()
    {
        await _node.SubmitAsync("steps", new { count = 1 }, "before-1");
        await _node.SubmitAsync("steps", new { count = 1, failAtPhase = 0 }, "before-2");
        await WaitForListAsync("", page => page.Items.Count == 2 && page.Items.All(i => i.State is TaskLifecycleState.Succeeded or TaskLifecycleState.Reverted));

        // A task that is still running when the node dies finishes after the restart; the list must follow.
        await _node.SubmitAsync("steps", new { count = 20, delayMs = 100 }, "across");
        await _node.WaitForStateAsync("across", TaskLifecycleState.Running);
        await _node.KillAsync();
        await _node.StartAsync();

        await _node.SubmitAsync("steps", new { count = 1 }, "after-1");
        await _node.WaitForStateAsync("across", TaskLifecycleState.Succeeded, TimeSpan.FromSeconds(60));
        var page = await WaitForListAsync("", p => p.Items.Count == 4 && p.Items.All(i => i.State is TaskLifecycleState.Succeeded or TaskLifecycleState.Reverted));

        Assert.Equal(["after-1", "across", "before-2", "before-1"], page.Items.Select(i => i.Id));
        Assert.Equal(TaskLifecycleState.Reverted, page.Items.Single(i => i.Id == "before-2").State);
        Assert.Equal(20, page.Items.Single(i => i.Id == "across").PhasesCompleted);
    }

    [Fact]
    public async Task A_state_once_listed_never_goes_back()
    {
        await _node.SubmitAsync("steps", new { count = 30, delayMs = 20 }, "watched");
        var order = new[] { TaskLifecycleState.Pending, TaskLifecycleState.Running, TaskLifecycleState.Succeeded };
        var highest = -1;
        var completed = -1;
        await Eventually.HoldsAsync(
            async () =>
            {
                var item = (await ListAsync("")).Items.SingleOrDefault(i => i.Id == "watched");
                if (item is not null)
                {
                    var rank = Array.IndexOf(order, item.State);
                    if (rank < highest || item.PhasesCompleted < completed)
                    {
                        throw Eventually.GiveUp($"the list went back from rank {highest} of [{string.Join(", ", order)}] with {completed} phases completed to {item.State} with {item.PhasesCompleted}");
                    }

                    highest = rank;
                    completed = item.PhasesCompleted;
                }

                return item;
            },
            item => Assert.Equal(TaskLifecycleState.Succeeded, item?.State),
            interval: TimeSpan.FromMilliseconds(10));

        Assert.Equal(30, completed);
    }

    private async Task<TaskListPage> ListAsync(string query)
    {
        using var response = await _node.Http.GetAsync($"{PhaseFlowApi.Tasks}?{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TaskListPage>(NodeProcess.Json))!;
    }

    /// <summary>The list is eventually consistent (it follows the journal); wait until it shows what the test expects.</summary>
    private Task<TaskListPage> WaitForListAsync(string query, Func<TaskListPage, bool> condition) =>
        Eventually.HoldsAsync(
            () => ListAsync(query),
            page => Assert.True(condition(page), $"the list does not match yet: {string.Join(", ", page.Items.Select(i => $"{i.Id}={i.State}"))}"),
            interval: TimeSpan.FromMilliseconds(50));
}
