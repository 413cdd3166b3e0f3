using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Host.Tasks;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Actors.Tasks;

/// <summary>The seed's example: making <c>a/b/c</c> is three mkdir phases with one revert.</summary>
public sealed class MkdirTaskTests(ITestOutputHelper output) : PhaseFlowTestKit(output)
{
    [Fact]
    public async Task Mkdir_ThreeLevels_CreatesEachLevelInItsOwnPhase()
    {
        var root = Path.Combine(Database.Folder, "tree");
        Directory.CreateDirectory(root);
        var target = Path.Combine(root, "a", "b", "c");
        await using var node = TaskNode.Start(Database);

        await node.Submit("mk", MkdirTask.Name, Input(target));
        var status = await WaitForState(node, "mk", TaskLifecycleState.Succeeded);

        Assert.True(Directory.Exists(target));
        var created = status.Phases.Where(p => p.Name.StartsWith("mkdir ", StringComparison.Ordinal) && p.OutputJson!.Contains("\"created\":true", StringComparison.Ordinal)).Select(p => p.Name);
        Assert.Equal([$"mkdir {root}/a", $"mkdir {root}/a/b", $"mkdir {target}"], created);
    }

    [Fact]
    public async Task Mkdir_FailsAtTheLastLevel_RevertsOnlyWhatItCreated()
    {
        var a = Path.Combine(Database.Folder, "tree", "a");
        Directory.CreateDirectory(a);
        File.WriteAllText(Path.Combine(a, "keep.txt"), "not the task's");
        var b = Path.Combine(a, "b");
        // A last level longer than the file system allows (255 bytes) makes the last phase fail for real.
        var c = Path.Combine(b, new string('c', 300));
        await using var node = TaskNode.Start(Database);

        await node.Submit("mk-fail", MkdirTask.Name, Input(c));
        var status = await WaitForState(node, "mk-fail", TaskLifecycleState.Reverted);

        Assert.True(Directory.Exists(a), "a existed before the task and must stay");
        Assert.True(File.Exists(Path.Combine(a, "keep.txt")));
        Assert.False(Directory.Exists(b), "b was created by the task and must be removed");
        Assert.Equal(MkdirTask.PhaseNameFor(c), status.Phases[^1].Name);
        Assert.EndsWith("ccc", status.Phases[^1].Name, StringComparison.Ordinal);
        Assert.Equal(PhaseLifecycleState.Reverted, status.Phases[^1].State);
        Assert.Equal(1, status.Phases[^1].Attempts);
        Assert.Equal(PhaseLifecycleState.Reverted, status.Phases[^2].State);
        Assert.Contains("IO", status.Error!.Type, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Undo_OfALevelThatWasInFlight_RemovesItsDirectoryOnlyIfTheLevelIsTheTasksOwn()
    {
        var a = Path.Combine(Database.Folder, "tree", "a");
        Directory.CreateDirectory(a);
        var b = Path.Combine(a, "b");
        ITaskDefinition mkdir = new MkdirTask();
        var input = mkdir.BindInput(Input(b)).Value;
        var completed = new List<CompletedPhase>();
        var outputs = new PhaseOutputs(() => completed);
        using var plan = mkdir.CreatePlan(input, new PlanContext("mk-undo", outputs)).GetEnumerator();
        Assert.True(plan.MoveNext());
        var inspect = await plan.Current.ExecuteAsync(new PhaseContext("mk-undo", 0, "inspect", 1, input, outputs, _ => { }, CancellationToken.None));
        completed.Add(new CompletedPhase(0, "inspect", inspect));
        var levels = new Dictionary<string, Phase>();
        while (plan.MoveNext())
        {
            levels[plan.Current.Name] = plan.Current;
        }

        // The level phase for b was interrupted after it created b: no outcome was recorded.
        Directory.CreateDirectory(b);
        await levels[MkdirTask.PhaseNameFor(b)].Undo!(InFlight(MkdirTask.PhaseNameFor(b), input));
        await levels[MkdirTask.PhaseNameFor(a)].Undo!(InFlight(MkdirTask.PhaseNameFor(a), input));

        Assert.False(Directory.Exists(b), "b did not exist before the task, so the in-flight level's undo removes it");
        Assert.True(Directory.Exists(a), "a existed before the task and stays");
    }

    private static UndoContext InFlight(string phaseName, object input) =>
        new("mk-undo", new CompletedPhase(1, phaseName, null), input, RevertReason.Cancelled, null, CancellationToken.None, PhaseCompleted: false);

    private static string Input(string path) => $$"""{"path": {{System.Text.Json.JsonSerializer.Serialize(path)}}}""";
}
