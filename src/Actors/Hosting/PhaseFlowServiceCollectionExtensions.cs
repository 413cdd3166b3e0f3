using System.Diagnostics.Metrics;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Hosting;
using Akka.Persistence.Sql.Query;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PhaseFlow.Actors.Client;
using PhaseFlow.Actors.Observability;
using PhaseFlow.Actors.Persistence;
using PhaseFlow.Actors.ReadModel;
using PhaseFlow.Actors.Remoting;
using PhaseFlow.Actors.Sharding;
using PhaseFlow.Actors.Tasks;
using PhaseFlow.Actors.WakeUps;
using PhaseFlow.Contracts.Authoring;

namespace PhaseFlow.Actors.Hosting;

/// <summary>Adds a PhaseFlow node (actor system, cluster, persistence, task shard region, client) to a generic host.</summary>
public static class PhaseFlowServiceCollectionExtensions
{
    /// <summary>
    /// Adds a PhaseFlow node: an actor system named <c>phaseflow</c> that joins its seed nodes (or itself), task
    /// actors sharded with remember-entities, the journal in SQLite (or PostgreSQL when
    /// <see cref="PhaseFlowOptions.PostgresConnectionString"/> is set), and an <see cref="IPhaseFlowClient"/>.
    /// Options bind from the <c>PhaseFlow</c> configuration section and are validated when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes options after binding; optional.</param>
    /// <returns>A builder to add task types with.</returns>
    public static PhaseFlowBuilder AddPhaseFlow(this IServiceCollection services, Action<PhaseFlowOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<PhaseFlowOptions>().BindConfiguration(PhaseFlowOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<IValidateOptions<PhaseFlowOptions>, PhaseFlowOptionsValidator>();
        options.ValidateOnStart();

        var registry = new TaskTypeRegistry();
        services.AddSingleton(registry);
        services.AddSingleton<IPhaseFlowStorage>(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<PhaseFlowOptions>>().Value;
            return settings.PostgresConnectionString is { } postgres
                ? new PostgresStorage(postgres)
                : new SqliteStorage(settings.SqlitePath, settings.SqliteBusyTimeout);
        });
        services.AddSingleton(sp => sp.GetRequiredService<IPhaseFlowStorage>().CreateTaskListStore());
        services.AddHostedService(sp => new TaskCountGauge(
            sp.GetRequiredService<ITaskListStore>(),
            sp.GetService<IMeterFactory>(),
            sp.GetService<ILogger<TaskCountGauge>>() ?? NullLogger<TaskCountGauge>.Instance));
        services.AddSingleton<TaskChangeNotices>();
        services.AddSingleton(sp => new TaskChangeFeed(
            new JournalTaskEventReader(sp.GetRequiredService<ActorSystem>(), SqlReadJournal.Identifier),
            sp.GetRequiredService<TaskChangeNotices>()));
        services.AddHostedService(sp => new TaskChangeSafetyCheck(
            sp.GetRequiredService<TaskChangeNotices>(),
            sp.GetRequiredService<IPhaseFlowStorage>().CreateTaskJournalHeads(),
            TaskChangeSafetyCheck.Interval,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetService<ILogger<TaskChangeSafetyCheck>>() ?? NullLogger<TaskChangeSafetyCheck>.Instance));
        services.AddSingleton(sp => new PhaseFlowHealth(sp.GetRequiredService<ActorSystem>(), sp.GetRequiredService<IOptions<PhaseFlowOptions>>().Value.AskTimeout));
        services.AddSingleton(sp => new ClusterUnrest(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton(sp => new PhaseThroughput(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton(sp => new ClusterView(
            sp.GetRequiredService<ActorSystem>(),
            sp.GetRequiredService<IRequiredActor<TaskRegion>>().GetAsync,
            sp.GetRequiredService<IOptions<PhaseFlowOptions>>().Value.AskTimeout));
        services.AddSingleton<IPhaseFlowClient>(sp =>
        {
            var region = sp.GetRequiredService<IRequiredActor<TaskRegion>>();
            return new PhaseFlowClient(
                region.GetAsync,
                sp.GetRequiredService<IOptions<PhaseFlowOptions>>().Value.AskTimeout,
                sp.GetRequiredService<IPhaseFlowStorage>().CreateAcceptedTasks())
            {
                Unrest = sp.GetRequiredService<ClusterUnrest>(),
            };
        });
        services.AddAkka(PhaseFlowDefaults.ActorSystemName, (akka, sp) =>
        {
            var settings = sp.GetRequiredService<IOptions<PhaseFlowOptions>>().Value;
            var timeProvider = sp.GetService<TimeProvider>() ?? TimeProvider.System;
            var unrest = sp.GetRequiredService<ClusterUnrest>();
            var loggerFactory = sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
            akka.WithPhaseFlowNode(
                settings,
                sp.GetRequiredService<IPhaseFlowStorage>(),
                new TaskActorSettings(registry, timeProvider, settings.IdleTimeout, passivateThroughParent: true, settings.MaxInterruptedRuns)
                {
                    Admission = new TaskAdmission(settings.MaxRunningTasks),
                    LoggerFactory = loggerFactory,
                    Throughput = sp.GetRequiredService<PhaseThroughput>(),
                    Sleep = new TaskSleep(sp.GetRequiredService<IPhaseFlowStorage>().CreateWakeUpStore(), settings.SleepAfter),
                    WatchInterval = settings.WatchInterval,
                },
                sp.GetRequiredService<ITaskListStore>(),
                loggerFactory)
                .AddStartup((system, _) =>
                {
                    unrest.Start(system);
                    system.ActorOf(TaskChangeRelay.Props(sp.GetRequiredService<TaskChangeNotices>()), TaskChangeRelay.Name);
                });
        });
        return new PhaseFlowBuilder(services, registry);
    }

    /// <summary>Configures an actor system as a PhaseFlow node.</summary>
    /// <param name="akka">The Akka.Hosting builder.</param>
    /// <param name="options">The node's options (already validated).</param>
    /// <param name="storage">The database the journal, snapshots, sharding state and task list live in.</param>
    /// <param name="taskSettings">What the task actors share.</param>
    /// <param name="taskList">The task list table the projection feeds.</param>
    /// <param name="loggerFactory">
    /// Where Akka's and PhaseFlow's log events go, each under the category of the class that logged it
    /// (<c>PhaseFlow.…</c>, <c>Akka.…</c>), so logging filters can tell them apart.
    /// </param>
    /// <returns>The same builder.</returns>
    public static AkkaConfigurationBuilder WithPhaseFlowNode(
        this AkkaConfigurationBuilder akka,
        PhaseFlowOptions options,
        IPhaseFlowStorage storage,
        TaskActorSettings taskSettings,
        ITaskListStore taskList,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(akka);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(taskSettings);
        ArgumentNullException.ThrowIfNull(taskList);
        ArgumentNullException.ThrowIfNull(loggerFactory);

        var remoting = NodeRemoting.For(options, taskSettings.TimeProvider, out var tlsSummary);
        storage.Prepare();
        if (storage.PluginSetup() is { } pluginSetup)
        {
            akka.AddSetup(pluginSetup);
        }

        var log = loggerFactory.CreateLogger(PhaseFlowDefaults.LogCategory);
        var baseConfig = PhaseFlowHocon.Load();
        akka.AddSetup(new PhaseFlowLoggingSetup(loggerFactory))
            .ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLogger<PhaseFlowLogger>();
            })
            .AddHocon(storage.ToConfig(), HoconAddMode.Prepend)
            .AddHocon(ClusterLeaseConfig.From(options, baseConfig), HoconAddMode.Prepend)
            .AddHocon(ClusterTimingConfig.From(options), HoconAddMode.Prepend)
            .AddHocon(RecoveryThrottleConfig.From(options), HoconAddMode.Prepend)
            .AddHocon(baseConfig, HoconAddMode.Append)
            .WithRemoting(remoting)
            .WithClustering(new ClusterOptions { SeedNodes = [.. options.SeedNodes], Roles = [.. options.Roles] })

            // Pub-sub on every node (any role), started with the node rather than on first use: event-stream notices
            // (TaskChangeRelay) reach a node only once the mediators have gossiped its subscription.
            .WithDistributedPubSub(role: string.Empty)
            .WithShardRegion<TaskRegion>(
                PhaseFlowDefaults.ShardRegionName,
                taskId => TaskActor.Props(taskId, taskSettings),
                new TaskMessageExtractor(options.NumberOfShards),
                new ShardOptions
                {
                    RememberEntities = true,
                    RememberEntitiesStore = RememberEntitiesStore.Eventsourced,
                    StateStoreMode = StateStoreMode.DData,
                    JournalPluginId = "akka.persistence.journal.sharding",
                    SnapshotPluginId = "akka.persistence.snapshot-store.sharding",

                    // A hand-off stops a task actor the same way as its own passivation.
                    HandOffStopMessage = StopTask.Instance,

                    // Nodes without the task role start a proxy instead of a region: they forward, never host.
                    Role = options.TaskRole,
                })
            .WithSingleton<TaskListProjectionKey>(
                PhaseFlowDefaults.TaskListProjectionName,
                TaskListProjection.Props(taskList, storage.CreateTaskJournalReader(), TaskListProjectionSettings.Default),
                new ClusterSingletonOptions(),
                createProxyToo: false)
            .WithActors((system, registry) =>
            {
                if (taskSettings.Sleep is { } sleep)
                {
                    system.ActorOf(TaskWaker.Props(sleep.WakeUps, registry.Get<TaskRegion>(), TaskWakerSettings.Default, taskSettings.TimeProvider), "task-waker");
                }
            })
            .AddStartup((system, _) =>
            {
                var cluster = Cluster.Get(system);
                if (tlsSummary is not null)
                {
                    log.LogInformation("PhaseFlow {TlsSummary}", tlsSummary);
                }

                // The cluster port as bound (port 0 picks one), before joining: a node that never joins still says where it is.
                log.LogInformation(
                    "PhaseFlow joining the cluster as {Address} ({Seeds})",
                    cluster.SelfAddress,
                    options.SeedNodes.Count == 0 ? "no seed nodes: it forms a cluster of its own" : "seed nodes " + string.Join(", ", options.SeedNodes));
                if (options.SeedNodes.Count == 0)
                {
                    // No seeds: a one-node cluster that joins itself (works with port 0 too).
                    cluster.Join(cluster.SelfAddress);
                }

                cluster.RegisterOnMemberUp(() => log.LogInformation(
                    "PhaseFlow joined the cluster as {Address} (data {Data}; roles: {Roles}; task types: {TaskTypes})",
                    cluster.SelfAddress,
                    storage.Description,
                    cluster.SelfRoles.Count == 0 ? "none" : string.Join(", ", cluster.SelfRoles),
                    string.Join(", ", taskSettings.Registry.Names)));
            });
        return akka;
    }
}
