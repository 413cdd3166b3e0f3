using System.Net;
using System.Net.Http.Json;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Host.Tasks;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Host.Security;

/// <summary>The demo task types touch only paths under the demo root, however the path is written.</summary>
public sealed class DemoRootTests : IDisposable
{
    private readonly TempFolder _temp = new("demo-root");
    private readonly string _root;
    private readonly string _outside;

    public DemoRootTests()
    {
        _root = Directory.CreateDirectory(Path.Combine(_temp.Path, "root")).FullName;
        _outside = Directory.CreateDirectory(Path.Combine(_temp.Path, "outside")).FullName;
    }

    [Fact]
    public void Explain_PathsInsideTheRoot_AreAccepted()
    {
        var root = new DemoRoot(_root);
        Directory.CreateDirectory(Path.Combine(_root, "real"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "inner-link"), Path.Combine(_root, "real"));

        Assert.Null(root.Explain("path", _root));
        Assert.Null(root.Explain("path", Path.Combine(_root, "a", "b", "c")));
        Assert.Null(root.Explain("path", Path.Combine(_root, "a", "..", "b")));
        Assert.Null(root.Explain("path", Path.Combine(_root, "inner-link", "x")));
    }

    [Fact]
    public void Explain_PathsLeadingOutOfTheRoot_AreRefusedNamingTheRoot()
    {
        var root = new DemoRoot(_root);
        Directory.CreateSymbolicLink(Path.Combine(_root, "escape"), _outside);
        File.CreateSymbolicLink(Path.Combine(_root, "passwd"), "/etc/passwd");

        string[] outside =
        [
            "/etc/x",
            _outside,
            _root + "-sibling/x",
            Path.Combine(_root, "..", "outside", "x"),
            Path.Combine(_root, "escape"),
            Path.Combine(_root, "escape", "deeper", "x"),
            Path.Combine(_root, "passwd"),
        ];

        foreach (var path in outside)
        {
            var problem = root.Explain("journal", path);
            Assert.True(problem is not null, $"{path} was let through");
            Assert.StartsWith($"journal must be under {_root}, the directory the demo tasks may use (the node's --demo-root); '{path}' is outside it", problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Node_WithADemoRoot_RefusesPathsOutsideItWith400AndRunsThoseInside()
    {
        await using var node = await NodeProcess.StartFreshAsync("--demo-root", _root);

        using var steps = await node.Http.PostAsJsonAsync(PhaseFlowApi.Tasks, new { type = "steps", id = "out-steps", input = new { count = 1, journal = Path.Combine(_outside, "journal.txt") } });
        using var mkdir = await node.Http.PostAsJsonAsync(PhaseFlowApi.Tasks, new { type = "mkdir", id = "out-mkdir", input = new { path = Path.Combine(_outside, "a", "b") } });
        using var inside = await node.Http.PostAsJsonAsync(PhaseFlowApi.Tasks, new { type = "mkdir", id = "in-mkdir", input = new { path = Path.Combine(_root, "a", "b") } });

        Assert.Equal(HttpStatusCode.BadRequest, steps.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, mkdir.StatusCode);
        Assert.Contains($"under {_root}", await steps.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains($"under {_root}", await mkdir.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, inside.StatusCode);
        await node.WaitForStateAsync("in-mkdir", TaskLifecycleState.Succeeded);
        Assert.True(Directory.Exists(Path.Combine(_root, "a", "b")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_outside));
        Assert.Empty(node.Journal.Read("task-out-steps"));
        Assert.Empty(node.Journal.Read("task-out-mkdir"));
    }

    [Fact]
    public async Task Node_DemoTasksOff_OffersNeitherType()
    {
        await using var node = await NodeProcess.StartFreshAsync("--demo-tasks", "off");

        using var steps = await node.Http.PostAsJsonAsync(PhaseFlowApi.Tasks, new { type = "steps", input = new { count = 1 } });
        using var mkdir = await node.Http.PostAsJsonAsync(PhaseFlowApi.Tasks, new { type = "mkdir", input = new { path = Path.Combine(_root, "x") } });

        Assert.Equal(HttpStatusCode.BadRequest, steps.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, mkdir.StatusCode);
        Assert.Contains("Unknown task type 'steps'", await steps.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "x")));
    }

    public void Dispose() => _temp.Dispose();
}
