using Microsoft.Playwright;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Host.Dashboard;

/// <summary>The dashboard of a node with API keys: it asks for a key, keeps it for the tab only, and a read key cannot cancel.</summary>
public sealed class DashboardKeyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string FullKey = "full-key-0123456789abcdef";
    private const string ReadKey = "read-key-0123456789abcdef";
    private NodeProcess _node = null!;
    private DashboardBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _node = await NodeProcess.StartFreshAsync("--api-key", FullKey, "--api-read-key", ReadKey);
        _node.Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", FullKey);
        _browser = await DashboardBrowser.StartAsync(output);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _node.DisposeAsync();
    }

    [Fact]
    public Task Dashboard_AsksForAKey_KeepsItForTheTabOnly_AndAReadKeyCannotCancel() =>
        _browser.RunAsync(nameof(Dashboard_AsksForAKey_KeepsItForTheTabOnly_AndAReadKeyCannotCancel), async page =>
        {
            await _node.SubmitUntilAcceptedAsync("steps", new { count = 2, delayMs = 600_000 }, "guarded");
            await page.GotoAsync(_node.Http.BaseAddress!.ToString());

            await Assertions.Expect(page.Locator("#key-form")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#key-reason")).ToContainTextAsync("asks for an API key");
            await page.Locator("#key-input").FillAsync(ReadKey);
            await page.Locator("#key-form button").ClickAsync();
            await Assertions.Expect(page.Locator("#key-form")).ToBeHiddenAsync();
            await Assertions.Expect(page.Locator("tr[data-task-id='guarded']")).ToBeVisibleAsync();

            // A reload of the tab keeps the key; another tab asks again.
            await page.ReloadAsync();
            await Assertions.Expect(page.Locator("tr[data-task-id='guarded']")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#key-form")).ToBeHiddenAsync();
            var other = await page.Context.NewPageAsync();
            await other.GotoAsync(_node.Http.BaseAddress!.ToString());
            await Assertions.Expect(other.Locator("#key-form")).ToBeVisibleAsync();
            await other.CloseAsync();

            page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
            await page.GotoAsync($"{_node.Http.BaseAddress}#/tasks/guarded");
            await page.Locator("#cancel").ClickAsync();
            await Assertions.Expect(page.Locator("#task-message")).ToContainTextAsync("may only read");
            await Assertions.Expect(page.Locator("#task-state .state")).ToHaveTextAsync("Running");
        });
}
