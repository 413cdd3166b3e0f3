using System.Collections.Concurrent;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PhaseFlow.Actors.Client;
using PhaseFlow.Actors.Hosting;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Contracts.Queries;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Actors.Awaiting;

/// <summary>
/// Child tasks on one in-process sharded node: a phase starts children and completes with their outputs; a failed child
/// fails the phase, the attempt's other children are undone and a retry starts new ones; cancelling the parent cancels
/// running children and reverts the ones that succeeded, newest first, before the parent's revert ends.
/// </summary>
[Collection(nameof(ChildTaskNodeTests))]
public sealed class ChildTaskNodeTests(ITestOutputHelper output) : PhaseFlowTestKit(output)
{
    private static readonly ConcurrentQueue<string> Effects = new();

    [Fact]
    public async Task ChildrenAllSucceed_PhaseCompletesWithTheirOutputsInOrder()
    {
        using var host = await StartNode();
        var client = host.Services.GetRequiredService<IPhaseFlowClient>();
        var input = new FamilyInput("ok-family", [new ChildInput("a"), new ChildInput("b"), new ChildInput("c")]);
        Assert.IsType<TaskSubmitted>(await client.SubmitAsync(new SubmitTask("ok-family", Parent.Name, Json(input))));

        var status = await Settled(client, "ok-family");
        Assert.Equal(TaskLifecycleState.Succeeded, status.State);
        Assert.Equal("[\"done a\",\"done b\",\"done c\"]", status.Phases[0].OutputJson);
        Assert.Equal(["ok-family:1.1.1", "ok-family:1.1.2", "ok-family:1.1.3"], status.Children!.Select(c => c.TaskId));
        Assert.All(status.Children!, c => Assert.Equal(TaskLifecycleState.Succeeded, c.State));
        var child = await client.GetStatusAsync("ok-family:1.1.2");
        Assert.Equal("ok-family", child!.ParentId);
    }

    [Fact]
    public async Task ChildFails_SiblingsAreUndoneAndTheRetryStartsNewChildren()
    {
        using var host = await StartNode();
        var client = host.Services.GetRequiredService<IPhaseFlowClient>();
        var input = new FamilyInput("retry-family", [new ChildInput("x"), new ChildInput("y", FailOnAttemptOfParent: 1)], Retries: 2);
        Assert.IsType<TaskSubmitted>(await client.SubmitAsync(new SubmitTask("retry-family", Parent.Name, Json(input))));

        var status = await Settled(client, "retry-family");
        Assert.Equal(TaskLifecycleState.Succeeded, status.State);
        Assert.Equal(2, status.Phases[0].Attempts);
        var first = await client.GetStatusAsync("retry-family:1.1.1");
        Assert.Equal(TaskLifecycleState.Reverted, first!.State);
        Assert.Equal(RevertReason.ParentReverted, first.Revert!.Reason);
        Assert.Equal(TaskLifecycleState.Reverted, (await client.GetStatusAsync("retry-family:1.1.2"))!.State);
        Assert.Equal(TaskLifecycleState.Succeeded, (await client.GetStatusAsync("retry-family:1.2.2"))!.State);
        Assert.Contains("undo x", Effects);
    }

    private static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, PhaseFlowJson.Options);

    private async Task<TaskStatusView> Settled(IPhaseFlowClient client, string id)
    {
        TaskStatusView? status = null;
        await AwaitAssertAsync(
            async () =>
            {
                status = await client.GetStatusAsync(id);
                Assert.True(status is { State: TaskLifecycleState.Succeeded or TaskLifecycleState.Reverted or TaskLifecycleState.RevertFailed }, $"{id} is {status?.State}");
            },
            TimeSpan.FromSeconds(60),
            TimeSpan.FromMilliseconds(100));
        return status!;
    }

    private async Task<IHost> StartNode()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddPhaseFlow(o =>
            {
                o.SqlitePath = Path.Combine(Database.Folder, "node.db");
                o.AkkaPort = 0;
            })
            .AddTask(new Parent())
            .AddTask(new Child());
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public sealed record ChildInput(string Name, int FailOnAttemptOfParent = 0);

    public sealed record FamilyInput(string Id, IReadOnlyList<ChildInput> Children, int Retries = 1);

    private sealed class Parent : TaskDefinition<FamilyInput>
    {
        public const string Name = "family";

        public override string TypeName => Name;

        protected override IEnumerable<Phase> Plan(FamilyInput input, PlanContext plan)
        {
            yield return Phase.StartChildren("children", input.Children.Select(c => ChildTask.Of(Child.Name, c)))
                .WithRetry(RetryPolicy.Exponential(input.Retries, TimeSpan.FromMilliseconds(100)));
        }
    }

    private sealed class Child : TaskDefinition<ChildInput>
    {
        public const string Name = "child";

        public override string TypeName => Name;

        protected override IEnumerable<Phase> Plan(ChildInput input, PlanContext plan)
        {
            yield return Phase.Run("work", context =>
                {
                    // The parent's attempt is the second number of the child's id.
                    var attempt = int.Parse(context.TaskId.Split(':')[^1].Split('.')[1]);
                    if (attempt == input.FailOnAttemptOfParent)
                    {
                        throw new InvalidOperationException($"{input.Name} fails");
                    }

                    Effects.Enqueue($"do {input.Name}");
                    return Task.FromResult($"done {input.Name}");
                })
                .WithUndo(_ =>
                {
                    Effects.Enqueue($"undo {input.Name}");
                    return Task.CompletedTask;
                });
        }
    }
}
