using Microsoft.Playwright;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Host.Dashboard;

/// <summary>The dashboard's cluster page on a real three-node cluster (PostgreSQL).</summary>
public sealed class DashboardClusterTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ClusterPage_OfAThreeNodeCluster_ListsEveryNodeUp()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        await using var browser = await DashboardBrowser.StartAsync(output);

        await browser.RunAsync(nameof(ClusterPage_OfAThreeNodeCluster_ListsEveryNodeUp), async page =>
        {
            await page.GotoAsync($"{cluster.Nodes[0].Http.BaseAddress}#/cluster");

            await Assertions.Expect(page.Locator("#node-rows tr[data-status='Up']")).ToHaveCountAsync(3, new() { Timeout = 60_000 });
            foreach (var node in cluster.Nodes)
            {
                await Assertions.Expect(page.Locator($"#node-rows tr[data-address='{node.AkkaAddress}']")).ToBeVisibleAsync();
            }

            await Assertions.Expect(page.Locator($"#node-rows tr[data-address='{cluster.Nodes[0].AkkaAddress}']")).ToContainTextAsync("(this node)");
        });
    }
}
