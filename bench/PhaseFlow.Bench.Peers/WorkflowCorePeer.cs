using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace PhaseFlow.Bench.Peers;

/// <summary>
/// WorkflowCore with its default persistence, which is in memory (nothing reaches a disk): each task a workflow of K
/// no-op steps. It is the cost of the engine alone, a ceiling no durable engine can be held to.
/// </summary>
internal static class WorkflowCorePeer
{
    public static async Task<(double Seconds, long Phases, bool Completed)> RunAsync(int tasks, int phases, TimeSpan patience)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWorkflow();
        services.AddTransient<NoopStep>();
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IWorkflowRegistry>().RegisterWorkflow(new NoopWorkflow(phases));
        var host = provider.GetRequiredService<IWorkflowHost>();
        await host.StartAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            // Warm-up, not counted: a tenth of the work, as PhaseFlow's throughput run has.
            if (!await RunWorkflowsAsync(host, Math.Max(1, tasks / 10), phases, patience).ConfigureAwait(false))
            {
                return (double.NaN, 0, false);
            }

            var watch = Stopwatch.StartNew();
            var completed = await RunWorkflowsAsync(host, tasks, phases, patience).ConfigureAwait(false);
            return (watch.Elapsed.TotalSeconds, PhaseCounter.Phases, completed);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task<bool> RunWorkflowsAsync(IWorkflowHost host, int tasks, int phases, TimeSpan patience)
    {
        PhaseCounter.Expect((long)tasks * phases);
        for (var t = 0; t < tasks; t++)
        {
            await host.StartWorkflow(NoopWorkflow.Name, 1, new NoopData()).ConfigureAwait(false);
        }

        try
        {
            await PhaseCounter.Reached.WaitAsync(patience).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private sealed class NoopData;

    private sealed class NoopStep : StepBody
    {
        public override ExecutionResult Run(IStepExecutionContext context)
        {
            PhaseCounter.Ran();
            return ExecutionResult.Next();
        }
    }

    private sealed class NoopWorkflow(int phases) : IWorkflow<NoopData>
    {
        public const string Name = "phaseflow-bench-noop";

        public string Id => Name;

        public int Version => 1;

        public void Build(IWorkflowBuilder<NoopData> builder)
        {
            var step = builder.StartWith<NoopStep>();
            for (var i = 1; i < phases; i++)
            {
                step = step.Then<NoopStep>();
            }
        }
    }
}
