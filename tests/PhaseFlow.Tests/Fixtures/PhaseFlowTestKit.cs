using Akka.Configuration;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Queries;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>Base of the actor tests: a fresh SQLite file and a run log per test, and waits that assert.</summary>
public abstract class PhaseFlowTestKit : Akka.TestKit.Xunit2.TestKit
{
    protected PhaseFlowTestKit(ITestOutputHelper output)
        : base(ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.actor.provider = local"), output: output)
    {
        Database = new TestDatabase();
        Runs = new RunLog(Path.Combine(Database.Folder, "runs.log"));
    }

    protected TestDatabase Database { get; }

    protected RunLog Runs { get; }

    protected static TimeSpan Patience { get; } = TimeSpan.FromSeconds(20);

    /// <summary>Polls the task's status until it is in <paramref name="state"/>; fails with the last status otherwise.</summary>
    protected async Task<TaskStatusView> WaitForState(TaskNode node, string taskId, TaskLifecycleState state)
    {
        TaskStatusView? last = null;
        await AwaitAssertAsync(
            async () =>
            {
                last = await node.Status(taskId);
                Assert.Equal(state, last.State);
            },
            Patience,
            TimeSpan.FromMilliseconds(25));
        return last!;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Database.Dispose();
        }
    }
}
