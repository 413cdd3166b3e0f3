using System.Collections;
using Microsoft.Extensions.Configuration;
using PhaseFlow.Actors.Hosting;
using PhaseFlow.Host.Api;
using PhaseFlow.Host.Security;
using PhaseFlow.Host.Tasks;

namespace PhaseFlow.Host.Node;

/// <summary>
/// The node's flags and <c>PHASEFLOW_…</c> environment variables, mapped onto the <c>PhaseFlow</c> configuration
/// section. Precedence, lowest first: appsettings.json, <c>PhaseFlow__…</c> variables, <c>PHASEFLOW_…</c> variables, flags.
/// </summary>
internal static class NodeSettings
{
    /// <summary>Gets every setting with a flag.</summary>
    public static IReadOnlyList<NodeSetting> All { get; } =
    [
        new("--urls", "PHASEFLOW_URLS", Key(nameof(NodeOptions.Urls))),
        new("--akka-host", "PHASEFLOW_AKKA_HOST", Key(nameof(PhaseFlowOptions.AkkaHost))),
        new("--akka-port", "PHASEFLOW_AKKA_PORT", Key(nameof(PhaseFlowOptions.AkkaPort))),
        new("--seed-nodes", "PHASEFLOW_SEED_NODES", Key(nameof(PhaseFlowOptions.SeedNodes)), ListSeparator: ','),
        new("--sqlite", "PHASEFLOW_SQLITE", Key(nameof(PhaseFlowOptions.SqlitePath))),
        new("--postgres", "PHASEFLOW_POSTGRES", Key(nameof(PhaseFlowOptions.PostgresConnectionString))),
        new("--roles", "PHASEFLOW_ROLES", Key(nameof(PhaseFlowOptions.Roles)), ListSeparator: ','),
        new("--task-role", "PHASEFLOW_TASK_ROLE", Key(nameof(PhaseFlowOptions.TaskRole))),
        new("--tls-certificate", "PHASEFLOW_TLS_CERTIFICATE", Key(nameof(PhaseFlowOptions.TlsCertificatePath))),
        new("--tls-password", "PHASEFLOW_TLS_PASSWORD", Key(nameof(PhaseFlowOptions.TlsCertificatePassword))),
        new("--tls-peer-thumbprints", "PHASEFLOW_TLS_PEER_THUMBPRINTS", Key(nameof(PhaseFlowOptions.TlsPeerThumbprints)), ListSeparator: ','),
        new("--tasks-assembly", "PHASEFLOW_TASKS_ASSEMBLY", Key(nameof(NodeOptions.TaskAssemblies)), ListSeparator: Path.PathSeparator, Repeatable: true),
        new("--api-key", "PHASEFLOW_API_KEYS", Key(nameof(ApiAccessOptions.ApiKeys)), ListSeparator: ',', Repeatable: true),
        new("--api-read-key", "PHASEFLOW_API_READ_KEYS", Key(nameof(ApiAccessOptions.ApiReadKeys)), ListSeparator: ',', Repeatable: true),
        new("--allow-anonymous", "PHASEFLOW_ALLOW_ANONYMOUS", Key(nameof(ApiAccessOptions.AllowAnonymous)), IsSwitch: true),
        new("--allow-plaintext-cluster", "PHASEFLOW_ALLOW_PLAINTEXT_CLUSTER", Key(nameof(ApiAccessOptions.AllowPlaintextCluster)), IsSwitch: true),
        new("--demo-tasks", "PHASEFLOW_DEMO_TASKS", Key(nameof(DemoTaskOptions.DemoTasks))),
        new("--demo-root", "PHASEFLOW_DEMO_ROOT", Key(nameof(DemoTaskOptions.DemoRoot))),
        new("--max-running-tasks", "PHASEFLOW_MAX_RUNNING_TASKS", Key(nameof(PhaseFlowOptions.MaxRunningTasks))),
        new("--max-event-streams", "PHASEFLOW_MAX_EVENT_STREAMS", Key(nameof(ApiLimitOptions.MaxEventStreams))),
        new("--rate-limit", "PHASEFLOW_RATE_LIMIT", Key(nameof(ApiLimitOptions.RateLimitPerSecond))),
        new("--log-level", "PHASEFLOW_LOG_LEVEL", Key(nameof(NodeOptions.LogLevel))),
        new("--log-format", "PHASEFLOW_LOG_FORMAT", Key(nameof(NodeOptions.LogFormat))),
        new("--otlp-endpoint", "PHASEFLOW_OTLP_ENDPOINT", Key(nameof(NodeOptions.OtlpEndpoint))),
        new("--otlp-protocol", "PHASEFLOW_OTLP_PROTOCOL", Key(nameof(NodeOptions.OtlpProtocol))),
    ];

    /// <summary>Adds the <c>PHASEFLOW_…</c> variables and then the flags to the configuration.</summary>
    /// <param name="configuration">The host's configuration.</param>
    /// <param name="args">The node's arguments (flags only, without a verb).</param>
    /// <param name="environment">The environment variables.</param>
    /// <returns>The same configuration.</returns>
    /// <exception cref="NodeConfigurationException">An unknown flag, a flag without a value, or a flag repeated that may not be.</exception>
    public static IConfigurationBuilder AddNodeSettings(this IConfigurationBuilder configuration, string[] args, IDictionary environment)
    {
        var fromEnvironment = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var setting in All)
        {
            if (environment[setting.EnvironmentVariable] is string value && value.Length > 0)
            {
                if (setting.IsSwitch && !bool.TryParse(value, out _))
                {
                    throw new NodeConfigurationException($"{setting.EnvironmentVariable} must be true or false; it is '{value}'.");
                }

                Add(fromEnvironment, setting, [value]);
            }
        }

        var fromFlags = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (setting, values) in ParseFlags(args))
        {
            Add(fromFlags, setting, values);
        }

        return configuration.AddInMemoryCollection(fromEnvironment).AddInMemoryCollection(fromFlags);
    }

    private static string Key(string property) => $"{PhaseFlowOptions.SectionName}:{property}";

    private static List<(NodeSetting Setting, List<string> Values)> ParseFlags(string[] args)
    {
        var parsed = new List<(NodeSetting, List<string>)>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var flag = equals > 0 ? arg[..equals] : arg;
            var setting = All.FirstOrDefault(s => s.Flag == flag)
                ?? throw new NodeConfigurationException($"unknown option '{arg}'; the node takes {string.Join(", ", All.Select(s => s.IsSwitch ? s.Flag : s.Flag + " VALUE"))}.");

            string value;
            if (setting.IsSwitch)
            {
                value = equals > 0 ? arg[(equals + 1)..] : bool.TrueString;
                if (!bool.TryParse(value, out _))
                {
                    throw new NodeConfigurationException($"option {flag} is a switch: give it alone (or {flag}=true / {flag}=false), not '{arg}'.");
                }
            }
            else if (equals > 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                throw new NodeConfigurationException($"option {flag} needs a value.");
            }

            var existing = parsed.FindIndex(p => p.Item1 == setting);
            if (existing < 0)
            {
                parsed.Add((setting, [value]));
            }
            else if (setting.Repeatable)
            {
                parsed[existing].Item2.Add(value);
            }
            else
            {
                throw new NodeConfigurationException($"option {flag} was given more than once; give it once{(setting.ListSeparator is { } separator ? $" (several values separated by '{separator}')" : string.Empty)}.");
            }
        }

        return parsed;
    }

    private static void Add(Dictionary<string, string?> target, NodeSetting setting, IEnumerable<string> values)
    {
        if (!setting.IsList)
        {
            target[setting.Key] = values.Single();
            return;
        }

        var items = setting.ListSeparator is { } separator
            ? values.SelectMany(v => v.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList()
            : values.ToList();
        for (var i = 0; i < items.Count; i++)
        {
            target[$"{setting.Key}:{i}"] = items[i];
        }
    }
}
