using Microsoft.Playwright;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// Debian's headless Chromium (<c>/usr/bin/chromium</c>, installed by <c>.ci/run</c>) driven by Playwright, one page per
/// test. Playwright never downloads a browser of its own. A test that fails leaves a screenshot of the page in
/// <c>TestResults/screenshots</c> next to the test assembly, named after the test.
/// </summary>
public sealed class DashboardBrowser : IAsyncDisposable
{
    /// <summary>Where Debian's package puts the browser.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    // Without the background-networking flags Chromium keeps trying to reach Google's hosts, which this machine refuses.
    private static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly ITestOutputHelper _output;

    private DashboardBrowser(IPlaywright playwright, IBrowser browser, IPage page, ITestOutputHelper output)
    {
        _playwright = playwright;
        _browser = browser;
        _output = output;
        Page = page;
    }

    public IPage Page { get; }

    public static async Task<DashboardBrowser> StartAsync(ITestOutputHelper output)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"The browser tests need Debian's chromium at {ChromiumPath}: apt-get install chromium (.ci/run does).");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = Flags });
        // A context of its own (not the page's default one), so a test can open a second tab in the same browser session.
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        page.Console += (_, message) => output.WriteLine($"browser console: {message.Text}");
        return new DashboardBrowser(playwright, browser, page, output);
    }

    /// <summary>Runs a test's steps; when they fail, saves a screenshot first and says where.</summary>
    public async Task RunAsync(string testName, Func<IPage, Task> steps)
    {
        try
        {
            await steps(Page);
        }
        catch
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"{testName}-{DateTime.UtcNow:HHmmss}.png");
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            _output.WriteLine($"screenshot of the failing page: {file}");
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
