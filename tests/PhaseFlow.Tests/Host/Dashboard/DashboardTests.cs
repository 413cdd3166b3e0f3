using Microsoft.Playwright;
using PhaseFlow.Contracts;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Host.Dashboard;

/// <summary>The web dashboard of a real node, in a real browser: the list, a task's live timeline, the cancel button.</summary>
public sealed class DashboardTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private NodeProcess _node = null!;
    private DashboardBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _node = await NodeProcess.StartFreshAsync();
        _browser = await DashboardBrowser.StartAsync(output);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _node.DisposeAsync();
    }

    [Fact]
    public Task List_ATaskSubmittedWhileItIsOpen_AppearsWithoutAReload() =>
        _browser.RunAsync(nameof(List_ATaskSubmittedWhileItIsOpen_AppearsWithoutAReload), async page =>
        {
            await page.GotoAsync(_node.Http.BaseAddress!.ToString());
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Tasks");
            var loaded = await MarkThePageAsync(page);

            await _node.SubmitUntilAcceptedAsync("steps", new { count = 2 }, "listed-live");

            var row = page.Locator("tr[data-task-id='listed-live']");
            await Assertions.Expect(row).ToBeVisibleAsync();
            await Assertions.Expect(row.Locator(".state")).ToHaveTextAsync("Succeeded", new() { Timeout = (float)Patience.TotalMilliseconds });
            await AssertNotReloadedAsync(page, loaded);
        });

    [Fact]
    public Task TaskPage_ShowsPhasesCompletingLive_AndTheTaskSucceeding() =>
        _browser.RunAsync(nameof(TaskPage_ShowsPhasesCompletingLive_AndTheTaskSucceeding), async page =>
        {
            await _node.SubmitUntilAcceptedAsync("steps", new { count = 3, delayMs = 1500 }, "timeline");
            await page.GotoAsync($"{_node.Http.BaseAddress}#/tasks/timeline");
            await Assertions.Expect(page.Locator("#task-state .state")).ToHaveTextAsync("Running");
            var loaded = await MarkThePageAsync(page);

            // Each phase is seen running, then completed, on the same page.
            for (var i = 0; i < 3; i++)
            {
                await Assertions.Expect(page.Locator($"tr[data-phase-index='{i}'][data-phase-state='Completed']")).ToBeVisibleAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
            }

            await Assertions.Expect(page.Locator("#task-state .state")).ToHaveTextAsync("Succeeded");
            await Assertions.Expect(page.Locator("#phase-rows tr")).ToHaveCountAsync(3);
            await Assertions.Expect(page.Locator("#cancel")).ToBeDisabledAsync();
            await AssertNotReloadedAsync(page, loaded);
        });

    [Fact]
    public Task CancelButton_OnARunningTask_AsksFirst_ThenTheTaskReverts() =>
        _browser.RunAsync(nameof(CancelButton_OnARunningTask_AsksFirst_ThenTheTaskReverts), async page =>
        {
            await _node.SubmitUntilAcceptedAsync("steps", new { count = 3, delayMs = 600_000 }, "cancelled");
            await page.GotoAsync($"{_node.Http.BaseAddress}#/tasks/cancelled");
            await Assertions.Expect(page.Locator("tr[data-phase-index='0'][data-phase-state='Running']")).ToBeVisibleAsync();

            string? question = null;
            page.Dialog += async (_, dialog) =>
            {
                question = dialog.Message;
                await dialog.AcceptAsync();
            };
            await page.Locator("#cancel").ClickAsync();

            await Assertions.Expect(page.Locator("#task-state .state")).ToHaveTextAsync("Reverted", new() { Timeout = (float)Patience.TotalMilliseconds });
            Assert.Contains("Cancel task cancelled?", question, StringComparison.Ordinal);
            Assert.Equal(TaskLifecycleState.Reverted, (await _node.GetAsync("cancelled"))!.State);
            Assert.Contains(_node.Journal.Read("task-cancelled"), r => r.Manifest == "E-CR");
        });

    /// <summary>Sets a value on the page's window that only a reload would clear.</summary>
    private static async Task<string> MarkThePageAsync(IPage page)
    {
        var mark = Guid.NewGuid().ToString("N");
        await page.EvaluateAsync("mark => { window.__phaseflowTestMark = mark; }", mark);
        return mark;
    }

    private static async Task AssertNotReloadedAsync(IPage page, string mark) =>
        Assert.Equal(mark, await page.EvaluateAsync<string>("() => window.__phaseflowTestMark"));
}
