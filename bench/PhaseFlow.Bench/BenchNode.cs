using System.Text.Json;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using PhaseFlow.Actors.Client;
using PhaseFlow.Actors.Hosting;
using PhaseFlow.Actors.ReadModel;
using PhaseFlow.Actors.Sharding;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Commands;

namespace PhaseFlow.Bench;

/// <summary>
/// A whole PhaseFlow node as the host builds it (<c>AddPhaseFlow</c>: one-node cluster, sharding with
/// remember-entities, the journal in SQLite or PostgreSQL), with the bench task type registered.
/// </summary>
internal sealed class BenchNode : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchNode(IHost host, BenchProbe probe)
    {
        _host = host;
        Probe = probe;
        System = host.Services.GetRequiredService<ActorSystem>();
        Client = host.Services.GetRequiredService<IPhaseFlowClient>();
        Feed = host.Services.GetRequiredService<TaskChangeFeed>();
    }

    public ActorSystem System { get; }

    public IPhaseFlowClient Client { get; }

    /// <summary>Gets the node's event-stream source (what GET /tasks/{id}/events serves).</summary>
    public TaskChangeFeed Feed { get; }

    public BenchProbe Probe { get; }

    /// <summary>Starts a node on a database and waits until it is an Up member of its one-node cluster.</summary>
    public static async Task<BenchNode> StartAsync(IBenchDatabase database, BenchProbe probe, Action<PhaseFlowOptions>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        // The node's warnings and errors go to stderr; everything else would only add cost and noise.
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddPhaseFlow(o =>
            {
                database.Configure(o);
                o.AkkaPort = 0;
                o.AskTimeout = TimeSpan.FromMinutes(10);

                // The starts and recovery run holds --recover tasks in flight (100,000 if asked); the node's admission
                // limit (MaxRunningTasks, 10,000 by default) would refuse those beyond it.
                o.MaxRunningTasks = int.MaxValue;
                configure?.Invoke(o);
            })
            .AddTask(new BenchTask(probe));
        var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        var node = new BenchNode(host, probe);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Cluster.Get(node.System).RegisterOnMemberUp(() => up.TrySetResult());
        await up.Task.WaitAsync(TimeSpan.FromMinutes(1)).ConfigureAwait(false);
        return node;
    }

    /// <summary>Submits a bench task and fails unless it was created.</summary>
    public async Task SubmitAsync(string taskId, BenchMode mode, int phases)
    {
        var input = JsonSerializer.Serialize(new BenchInput(mode, phases), PhaseFlowJson.Options);
        var reply = await Client.SubmitAsync(new SubmitTask(taskId, BenchTask.Name, input)).ConfigureAwait(false);
        if (reply is not TaskSubmitted { Created: true })
        {
            throw new InvalidOperationException($"Task {taskId} was not created: {reply}");
        }
    }

    /// <summary>Counts the task actors the node's shards hold in memory now.</summary>
    public async Task<int> LiveTaskCountAsync()
    {
        var region = _host.Services.GetRequiredService<ActorRegistry>().Get<TaskRegion>();
        var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        return state.Shards.Sum(s => s.EntityIds.Count);
    }

    /// <summary>Stops the actor system at once, like a crash: no coordinated shutdown, nothing handed off.</summary>
    public async Task AbortAsync()
    {
        ((ExtendedActorSystem)System).Abort();

        // Every running task stops (its phase is cancelled) before the system has terminated: 100,000 of them on a busy
        // machine took more than 30 s.
        await System.WhenTerminated.WaitAsync(TimeSpan.FromMinutes(5)).ConfigureAwait(false);
        Probe.Release();
        _host.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (!System.WhenTerminated.IsCompleted)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _host.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        _host.Dispose();
    }
}
