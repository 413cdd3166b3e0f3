using System.Collections;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PhaseFlow.Actors.Hosting;
using PhaseFlow.Actors.Persistence;
using PhaseFlow.Host.Api;
using PhaseFlow.Host.Dashboard;
using PhaseFlow.Host.Security;
using PhaseFlow.Host.Tasks;

namespace PhaseFlow.Host.Node;

/// <summary>The stock PhaseFlow node: the actor system (via <c>AddPhaseFlow</c>), the built-in task types, loaded task assemblies and the HTTP API.</summary>
internal static class PhaseFlowNode
{
    /// <summary>The exit code of a node that could not start because of its configuration.</summary>
    public const int ConfigurationError = 2;

    /// <summary>
    /// The exit code of a node that stopped because a TLS handshake it started with another node failed, most often
    /// because it did not accept the other node's certificate (Akka.Remote's exit code for that shutdown).
    /// </summary>
    public const int TlsHandshakeFailed = 79;

    /// <summary>Runs a node until it is stopped (Ctrl-C, SIGTERM).</summary>
    /// <param name="args">The node's flags (see <see cref="NodeSettings"/>).</param>
    /// <returns>
    /// 0 after a clean stop; <see cref="ConfigurationError"/> when the configuration is invalid;
    /// <see cref="TlsHandshakeFailed"/> when a TLS handshake with another node failed and Akka.Remote stopped the node.
    /// </returns>
    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication app;
        try
        {
            app = Build(args, Environment.GetEnvironmentVariables());
            await app.StartAsync();
        }
        catch (Exception e) when (e is NodeConfigurationException or OptionsValidationException or ArgumentException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"phaseflow: cannot start the node: {e.Message}");
            return ConfigurationError;
        }

        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(NodeLogging.NodeCategory);
        var api = string.Join(", ", app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
        log.LogInformation("PhaseFlow HTTP API listening on {Urls} (process id {ProcessId})", api, Environment.ProcessId);
        await LogWhenReadyAsync(app, log, api);
        await app.WaitForShutdownAsync();

        // Akka.Remote stops a node whose outgoing TLS handshake failed (a certificate it does not trust); say so, and not with 0.
        // Its reason type is internal to Akka.Remote; its exit code is the public part.
        var tlsRefused = CoordinatedShutdown.Get(app.Services.GetRequiredService<ActorSystem>()).ShutdownReason?.ExitCode == TlsHandshakeFailed;
        await app.DisposeAsync();
        if (tlsRefused)
        {
            await Console.Error.WriteLineAsync(
                "phaseflow: the node stopped: a TLS handshake it started with another node failed (most often it did not accept that node's certificate; the log above says why); " +
                "give every node the same --tls-certificate, or list the other certificate's SHA-256 thumbprint in --tls-peer-thumbprints, and check that the other node uses TLS too.");
            return TlsHandshakeFailed;
        }

        return 0;
    }

    /// <summary>
    /// Waits until the node's cluster member is Up (or the node stops first) and logs the ready line: where the API,
    /// the cluster port and the data are.
    /// </summary>
    private static async Task LogWhenReadyAsync(WebApplication app, ILogger log, string api)
    {
        var cluster = Cluster.Get(app.Services.GetRequiredService<ActorSystem>());
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = app.Lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
        if (await Task.WhenAny(up.Task, stopping.Task) == up.Task)
        {
            log.LogInformation(
                "PhaseFlow node ready: API {Api}, cluster {Cluster}, data {Data} (process id {ProcessId})",
                api,
                cluster.SelfAddress,
                app.Services.GetRequiredService<IPhaseFlowStorage>().Description,
                Environment.ProcessId);
        }
    }

    /// <summary>Builds the node's web application.</summary>
    /// <param name="args">The node's flags.</param>
    /// <param name="environment">The environment variables to read <c>PHASEFLOW_…</c> settings from.</param>
    /// <returns>The application, not started.</returns>
    /// <exception cref="NodeConfigurationException">A flag, variable or setting is invalid.</exception>
    public static WebApplication Build(string[] args, IDictionary environment)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // appsettings.json ships next to the executable; relative paths in settings resolve against the working directory.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddNodeSettings(args, environment);

        // Bind and validate before the host starts, so a mistake is one clear line rather than a start-up stack trace.
        var section = builder.Configuration.GetSection(PhaseFlowOptions.SectionName);
        if (NodeSettingValues.Problems(section, NodeSettingValues.NodeOptionTypes, args, environment) is { Count: > 0 } badValues)
        {
            throw new NodeConfigurationException(string.Join(" ", badValues));
        }

        NodeOptions node;
        ApiAccessOptions access;
        ApiLimitOptions limits;
        DemoTaskOptions demo;
        PhaseFlowOptions options;
        try
        {
            node = section.Get<NodeOptions>() ?? new NodeOptions();
            access = section.Get<ApiAccessOptions>() ?? new ApiAccessOptions();
            limits = section.Get<ApiLimitOptions>() ?? new ApiLimitOptions();
            demo = section.Get<DemoTaskOptions>() ?? new DemoTaskOptions();
            options = section.Get<PhaseFlowOptions>() ?? new PhaseFlowOptions();
        }
        catch (InvalidOperationException e)
        {
            throw new NodeConfigurationException(e.Message, e);
        }

        var problems = node.Problems().Concat(access.Problems()).Concat(limits.Problems()).Concat(demo.Problems()).ToList();
        var validation = new PhaseFlowOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            problems.AddRange(validation.Failures);
        }

        problems.AddRange(NodeExposure.Problems(node, access, options));
        if (problems.Count > 0)
        {
            throw new NodeConfigurationException(string.Join(" ", problems));
        }

        // Before anything starts, so a port in use is refused before the node logs, binds or creates anything.
        if (NodePorts.FindPortInUse(node, options) is { } inUse)
        {
            throw new NodeConfigurationException(inUse);
        }

        NodeDatabase.Check(options, args, environment);

        NodeLogging.TryParse(node.LogLevel, out var logLevel);
        builder.Logging.SetNodeLevel(logLevel);
        builder.AddNodeTelemetry(node);

        builder.WebHost.UseUrls(node.Urls);
        builder.AddApiProtection(access, limits);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddProblemDetails();

        var phaseflow = builder.Services.AddPhaseFlow();
        if (demo.Enabled)
        {
            var root = demo.DemoRoot is { } path ? new DemoRoot(path) : DemoRoot.SystemTemp;
            phaseflow.AddTask(new MkdirTask(root)).AddTask(new StepsTask(root));
        }

        foreach (var path in node.TaskAssemblies)
        {
            foreach (var definition in TaskAssemblyLoader.Load(path))
            {
                phaseflow.AddTask(definition);
            }
        }

        var app = builder.Build();
        app.UseRetryAfterOnUnavailable();
        app.UseExceptionHandler();
        app.UseStatusCodePages(StatusCodeProblems.WriteAsync);
        app.UseApiProtection(limits);
        app.MapPhaseFlowApi();
        app.MapNodeApi();
        app.MapDashboard();
        app.MapNodeMetrics();

        // Created now, not on the first stream: the open-streams metric is there (at 0) from the start.
        app.Services.GetRequiredService<EventStreamSlots>();
        return app;
    }
}
