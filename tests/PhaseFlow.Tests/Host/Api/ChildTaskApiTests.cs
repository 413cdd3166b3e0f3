using System.Net;
using System.Net.Http.Json;
using PhaseFlow.Client;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Tests.Fixtures;
using PhaseFlow.Tests.Host.Node;
using Xunit;

namespace PhaseFlow.Tests.Host.Api;

/// <summary>
/// Child tasks over HTTP on a real node with the sample <c>fan-out</c> type: <c>GET /tasks/{id}</c> lists a task's
/// children with their states (live ones from the task list) and its parent, <c>GET /tasks?parent=ID</c> lists the
/// children, and the event stream says when each child finished.
/// </summary>
public sealed class ChildTaskApiTests : IAsyncLifetime
{
    private NodeProcess _node = null!;

    public async Task InitializeAsync() => _node = await NodeProcess.StartFreshAsync("--tasks-assembly", NodeStartupTests.SampleTasksAssembly);

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task A_parent_shows_its_children_and_what_it_waits_for_and_lists_them_by_parent()
    {
        string[] ids = ["fam:1.1.1", "fam:1.1.2", "fam:1.1.3"];
        await _node.SubmitAsync("fan-out", new { children = 3, heldChild = 3 }, "fam");

        // Two children finish; the third waits for its signal, so the parent knows only the list's state of it.
        var waiting = await _node.WaitForTaskAsync("fam", task =>
        {
            Assert.Equal(ids, task.Children!.Select(c => c.Id));
            Assert.Equal(
                [TaskLifecycleState.Succeeded, TaskLifecycleState.Succeeded, TaskLifecycleState.Running],
                task.Children!.Select(c => c.State));
        });
        Assert.All(waiting.Children!, c => Assert.Equal((0, 1), (c.Phase, c.Attempt)));
        Assert.Null(waiting.ParentId);
        Assert.Equal(TaskLifecycleState.Running, waiting.State);
        var wait = waiting.Phases.Single().Waiting!;
        Assert.Equal(PhaseWaitKind.Children, wait.Kind);
        Assert.Equal(ids, wait.Tasks);

        var child = (await _node.GetAsync("fam:1.1.3"))!;
        Assert.Equal("fam", child.ParentId);
        Assert.Empty(child.Children!);

        var client = new PhaseFlowHttpClient(_node.Http);
        var listed = await client.ListChildrenAsync("fam");

        // Newest first, as every list: each child was accepted when its own task started, in whatever order that was.
        Assert.Equal(ids, listed.Items.Select(i => i.Id).Order(StringComparer.Ordinal));
        Assert.Equal(listed.Items.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id, StringComparer.Ordinal), listed.Items);
        Assert.All(listed.Items, i => Assert.Equal("fam", i.ParentId));

        // The list follows the journal, so it may be a moment behind what the parent recorded.
        await Eventually.HoldsAsync(
            () => client.ListChildrenAsync("fam", TaskLifecycleState.Succeeded),
            page => Assert.Equal(["fam:1.1.1", "fam:1.1.2"], page.Items.Select(i => i.Id).Order(StringComparer.Ordinal)),
            interval: TimeSpan.FromMilliseconds(50));
        var first = await client.ListChildrenAsync("fam", limit: 2);
        var second = await client.ListChildrenAsync("fam", limit: 2, after: first.Next);
        Assert.Equal(listed.Items.Select(i => i.Id), first.Items.Concat(second.Items).Select(i => i.Id));
        Assert.Null(second.Next);
        Assert.Equal(["fam"], (await client.ListAsync(type: "fan-out")).Items.Select(i => i.Id));

        using (var signal = await _node.Http.PostAsync(PhaseFlowApi.Signal("fam:1.1.3", "go"), null))
        {
            Assert.Equal(HttpStatusCode.Accepted, signal.StatusCode);
        }

        var done = await _node.WaitForStateAsync("fam", TaskLifecycleState.Succeeded);
        Assert.All(done.Children!, c => Assert.Equal(TaskLifecycleState.Succeeded, c.State));

        // The stream of a finished task replays its journal: one "awaited" change per child, in the order they finished.
        var awaited = new List<TaskChange>();
        await foreach (var change in client.WatchAsync("fam"))
        {
            if (change.Kind == TaskChangeKinds.Awaited)
            {
                awaited.Add(change);
            }
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), awaited.Select(c => c.AwaitedTaskId).Order(StringComparer.Ordinal));
        Assert.Equal("fam:1.1.3", awaited[^1].AwaitedTaskId);
        Assert.All(awaited, c => Assert.Equal((TaskLifecycleState.Succeeded, 0, "children", 1), (c.AwaitedState!.Value, c.PhaseIndex!.Value, c.PhaseName, c.Attempt!.Value)));
    }

    [Theory]
    [InlineData("parent=bad%20id", "parent: Task id 'bad id' is invalid: use 1 to 200 characters of A-Z, a-z, 0-9")]
    [InlineData("parent=a&parent=b", "parent given more than once")]
    public async Task A_bad_parent_is_a_400_that_says_what_an_id_may_hold(string query, string expected)
    {
        using var response = await _node.Http.GetAsync($"{PhaseFlowApi.Tasks}?{query}");

        var problem = await ProblemResponse.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(expected, problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_without_children_lists_none_and_shows_an_empty_list()
    {
        await _node.SubmitAsync("steps", new { count = 1 }, "lonely");
        var task = await _node.WaitForStateAsync("lonely", TaskLifecycleState.Succeeded);

        using var response = await _node.Http.GetAsync($"{PhaseFlowApi.Tasks}?parent=lonely&state=Succeeded&limit=5");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await response.Content.ReadFromJsonAsync<TaskListPage>(NodeProcess.Json))!.Items);
        Assert.Empty(task.Children!);
        Assert.Null(task.ParentId);
    }
}
