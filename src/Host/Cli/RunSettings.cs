using System.ComponentModel;
using PhaseFlow.Contracts.Http;
using Spectre.Console.Cli;

namespace PhaseFlow.Host.Cli;

/// <summary>
/// The flags of <c>phaseflow run</c>. They are declared so that help lists them and a typo is an error; their values
/// are not used here: the node binds the flags into its configuration and validates them at start-up (so they are
/// all strings: the node's messages say what is allowed, Spectre's conversion errors would not).
/// </summary>
internal sealed class RunSettings : CommandSettings
{
    [CommandOption("--urls <URL>")]
    [Description("Where the HTTP API listens (semicolon-separated for several).")]
    [DefaultValue(PhaseFlowApi.DefaultUrl)]
    public string? Urls { get; init; }

    [CommandOption("--akka-host <HOST>")]
    [Description("The host name or address other cluster nodes reach this node at.")]
    [DefaultValue("127.0.0.1")]
    public string? AkkaHost { get; init; }

    [CommandOption("--akka-port <N>")]
    [Description("The cluster port; 0 picks any free port.")]
    [DefaultValue("4053")]
    public string? AkkaPort { get; init; }

    [CommandOption("--seed-nodes <LIST>")]
    [Description("Comma-separated Akka addresses of the cluster's seed nodes, e.g. akka.tcp://phaseflow@10.0.0.5:4053 (akka.ssl.tcp:// with --tls-certificate).")]
    public string? SeedNodes { get; init; }

    [CommandOption("--sqlite <PATH>")]
    [Description("The SQLite file of the embedded journal.")]
    [DefaultValue("./data/phaseflow.db")]
    public string? Sqlite { get; init; }

    [CommandOption("--tasks-assembly <PATH>")]
    [Description("An assembly with more task types to load; repeat for several.")]
    public string[]? TasksAssemblies { get; init; }

    [CommandOption("--postgres <CONNSTR>")]
    [Description("Journal in PostgreSQL (a connection string) instead of SQLite.")]
    public string? Postgres { get; init; }

    [CommandOption("--roles <LIST>")]
    [Description("Comma-separated cluster roles of this node.")]
    public string? Roles { get; init; }

    [CommandOption("--task-role <ROLE>")]
    [Description("Only nodes with this role host tasks; the others forward to them.")]
    public string? TaskRole { get; init; }

    [CommandOption("--tls-certificate <PATH>")]
    [Description("A PKCS#12 file (certificate and private key, shared by the cluster) that turns on mutual TLS between nodes; seed nodes are then akka.ssl.tcp://.")]
    public string? TlsCertificate { get; init; }

    [CommandOption("--tls-password <PASSWORD>")]
    [Description("The password of the --tls-certificate file (prefer the PHASEFLOW_TLS_PASSWORD variable: flags show in process lists).")]
    public string? TlsPassword { get; init; }

    [CommandOption("--tls-peer-thumbprints <LIST>")]
    [Description("Comma-separated SHA-256 thumbprints of more certificates peers may present (for certificate rotation).")]
    public string? TlsPeerThumbprints { get; init; }

    [CommandOption("--api-key <KEY>")]
    [Description("A key that may use the whole API (Authorization: Bearer KEY); repeat for several. With any key set, every route but GET /health needs one.")]
    public string[]? ApiKeys { get; init; }

    [CommandOption("--api-read-key <KEY>")]
    [Description("A key that may only read (GET routes, event streams); repeat for several.")]
    public string[]? ApiReadKeys { get; init; }

    [CommandOption("--allow-anonymous")]
    [Description("Let the API listen beyond loopback without keys (only where the network keeps strangers out).")]
    public bool AllowAnonymous { get; init; }

    [CommandOption("--allow-plaintext-cluster")]
    [Description("Let the cluster port listen beyond loopback without TLS (only where the network keeps strangers out).")]
    public bool AllowPlaintextCluster { get; init; }

    [CommandOption("--demo-tasks <ON|OFF>")]
    [Description("Offer the built-in demo task types steps and mkdir.")]
    [DefaultValue("on")]
    public string? DemoTasks { get; init; }

    [CommandOption("--demo-root <DIR>")]
    [Description("The only directory the demo task types may touch. Default: the system's temporary directory.")]
    public string? DemoRoot { get; init; }

    [CommandOption("--max-running-tasks <N>")]
    [Description("How many tasks may run on this node at once; a submission beyond it gets 429.")]
    [DefaultValue("10000")]
    public string? MaxRunningTasks { get; init; }

    [CommandOption("--max-event-streams <N>")]
    [Description("How many event streams may be open on this node at once; one more gets 503.")]
    [DefaultValue("1000")]
    public string? MaxEventStreams { get; init; }

    [CommandOption("--log-level <LEVEL>")]
    [Description("How much the node logs: error, warning, info (PhaseFlow's lines and Akka's warnings) or debug (Akka's info lines too).")]
    [DefaultValue("info")]
    public string? LogLevel { get; init; }

    [CommandOption("--log-format <FORMAT>")]
    [Description("How log lines are written: text, or json (one JSON object per line, with the task id in scope).")]
    [DefaultValue("text")]
    public string? LogFormat { get; init; }

    [CommandOption("--otlp-endpoint <URL>")]
    [Description("An OpenTelemetry collector to send traces and metrics to, e.g. http://localhost:4317. Metrics are also at GET /metrics.")]
    public string? OtlpEndpoint { get; init; }

    [CommandOption("--otlp-protocol <PROTOCOL>")]
    [Description("How to reach the collector: grpc (port 4317) or http (http/protobuf, port 4318).")]
    [DefaultValue("grpc")]
    public string? OtlpProtocol { get; init; }

    [CommandOption("--rate-limit <N>")]
    [Description("Requests per second one client address may make; 0 = no limit.")]
    [DefaultValue("0")]
    public string? RateLimit { get; init; }
}
