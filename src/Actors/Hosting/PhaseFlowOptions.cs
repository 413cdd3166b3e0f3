using System.ComponentModel.DataAnnotations;

namespace PhaseFlow.Actors.Hosting;

/// <summary>
/// Settings of a PhaseFlow node, bound from the <c>PhaseFlow</c> configuration section (appsettings.json,
/// <c>PHASEFLOW__…</c> environment variables, command-line flags) and validated at start-up.
/// </summary>
public sealed class PhaseFlowOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "PhaseFlow";

    /// <summary>Gets or sets the SQLite database file holding the journal, snapshots and sharding state.</summary>
    /// <value>The default value is <c>./data/phaseflow.db</c>.</value>
    [Required(AllowEmptyStrings = false)]
    public string SqlitePath { get; set; } = PhaseFlowDefaults.SqlitePath;

    /// <summary>Gets or sets how long a journal write waits for SQLite's lock before it fails.</summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "SqliteBusyTimeout must be between 1 second and 10 minutes.")]
    public TimeSpan SqliteBusyTimeout { get; set; } = PhaseFlowDefaults.SqliteBusyTimeout;

    /// <summary>
    /// Gets or sets the Npgsql connection string of the PostgreSQL database that holds the journal, snapshots,
    /// sharding state and task list of a cluster. When set, <see cref="SqlitePath"/> is ignored.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the node uses SQLite.</value>
    /// <remarks>Every node of a cluster must name the same database; a cluster on SQLite files would split its state.</remarks>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Gets or sets the cluster roles of this node (for example <c>tasks</c>, <c>api</c>).</summary>
    /// <value>The default value is empty: the node has no roles.</value>
    public IList<string> Roles { get; set; } = [];

    /// <summary>
    /// Gets or sets the role a node must have to run tasks. Nodes without it still serve the HTTP API and forward
    /// every task message to the nodes that have it.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: every node runs tasks.</value>
    public string? TaskRole { get; set; }

    /// <summary>
    /// Gets or sets how long the set of unreachable nodes must stay unchanged before the split-brain resolver downs
    /// them (lease-majority on PostgreSQL, keep-majority on SQLite); their tasks start elsewhere only after that.
    /// </summary>
    /// <value>
    /// The default value is <see langword="null"/>: <c>stable-after</c> in <c>hocon/phaseflow.conf</c>, 1 second on
    /// PostgreSQL (where leases keep partitions safe) and 7 seconds on SQLite.
    /// </value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "SplitBrainStableAfter must be between 1 second and 10 minutes.")]
    public TimeSpan? SplitBrainStableAfter { get; set; }

    /// <summary>
    /// Gets or sets how long heartbeats from a node may be missing before the failure detector marks it unreachable
    /// (<c>akka.cluster.failure-detector.acceptable-heartbeat-pause</c>).
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the value in <c>hocon/phaseflow.conf</c>, 2 seconds on PostgreSQL and 3 seconds on SQLite.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "AcceptableHeartbeatPause must be between 1 second and 10 minutes.")]
    public TimeSpan? AcceptableHeartbeatPause { get; set; }

    /// <summary>Gets or sets the host name or IP address other nodes reach this node's actor system at.</summary>
    /// <value>The default value is <c>127.0.0.1</c>.</value>
    [Required(AllowEmptyStrings = false)]
    public string AkkaHost { get; set; } = PhaseFlowDefaults.AkkaHost;

    /// <summary>Gets or sets the actor system's TCP port; 0 picks any free port.</summary>
    /// <value>The default value is 4053.</value>
    [Range(0, 65535, ErrorMessage = "AkkaPort must be between 0 and 65535 (0 = any free port).")]
    public int AkkaPort { get; set; } = PhaseFlowDefaults.AkkaPort;

    /// <summary>
    /// Gets or sets the Akka addresses of the seed nodes, for example <c>akka.tcp://phaseflow@127.0.0.1:4053</c>, or
    /// <c>akka.ssl.tcp://phaseflow@127.0.0.1:4053</c> when <see cref="TlsCertificatePath"/> is set.
    /// </summary>
    /// <value>The default value is empty: the node joins itself (a one-node cluster).</value>
    public IList<string> SeedNodes { get; set; } = [];

    /// <summary>
    /// Gets or sets the PKCS#12 (.pfx/.p12) file with the certificate and private key that turn on TLS for the traffic
    /// between nodes (Akka remoting). Every node of the cluster is given the same certificate.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: node-to-node traffic is plain TCP.</value>
    /// <remarks>
    /// <para>
    /// With a certificate, TLS is mutual: each end of a connection presents its certificate and checks the other's. A
    /// peer is accepted only if it presents this node's own certificate (same SHA-256 thumbprint) or one listed in
    /// <see cref="TlsPeerThumbprints"/>, and only while that certificate is within its validity period. The chain is
    /// not checked against the system's certificate authorities (any publicly issued certificate would pass that),
    /// the host name is not checked (nodes are reached by IP address), and validation is never suppressed.
    /// </para>
    /// <para>
    /// The node's Akka address then uses the scheme <c>akka.ssl.tcp</c>, and so must every seed node. At start-up the file
    /// must exist, open with <see cref="TlsCertificatePassword"/>, hold a private key and be valid now.
    /// </para>
    /// </remarks>
    public string? TlsCertificatePath { get; set; }

    /// <summary>Gets or sets the password of <see cref="TlsCertificatePath"/>.</summary>
    /// <value>The default value is <see langword="null"/>: the file has no password.</value>
    /// <remarks>Prefer the environment variable <c>PHASEFLOW_TLS_PASSWORD</c> to the flag: flags show in process lists. The password is never logged.</remarks>
    public string? TlsCertificatePassword { get; set; }

    /// <summary>
    /// Gets or sets the SHA-256 thumbprints of more certificates a peer may present besides this node's own, so a
    /// cluster can move to a new certificate one node at a time (64 hex digits each; colons, as openssl prints them, are allowed).
    /// </summary>
    /// <value>The default value is empty: peers must present this node's own certificate.</value>
    /// <remarks>
    /// To rotate without downtime, restart the nodes one at a time three times: with the old certificate and the new
    /// one's thumbprint listed; then with the new certificate and the old one's thumbprint listed; then with the new
    /// certificate and an empty list.
    /// </remarks>
    public IList<string> TlsPeerThumbprints { get; set; } = [];

    /// <summary>Gets or sets the number of shards tasks are spread over. Fixed for the life of the cluster's data.</summary>
    /// <value>The default value is 100.</value>
    [Range(1, 10_000, ErrorMessage = "NumberOfShards must be between 1 and 10000.")]
    public int NumberOfShards { get; set; } = PhaseFlowDefaults.NumberOfShards;

    /// <summary>Gets or sets how long a finished task stays in memory after its last message.</summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "IdleTimeout must be between 1 second and 1 day.")]
    public TimeSpan IdleTimeout { get; set; } = PhaseFlowDefaults.IdleTimeout;

    /// <summary>
    /// Gets or sets how long a task must have to wait for its next step (a retry due later, a delay, a signal wait's
    /// timeout; a signal wait without one always qualifies) before it leaves memory:
    /// it records when it is due in the database, and a node wakes it then, after restarts and failovers too.
    /// Shorter waits keep the task in memory with a timer.
    /// </summary>
    /// <value>The default value is 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "SleepAfter must be between 1 second and 1 day.")]
    public TimeSpan SleepAfter { get; set; } = PhaseFlowDefaults.SleepAfter;

    /// <summary>
    /// Gets or sets how often a task that waits for other tasks (its child tasks, or a task it waits for) asks them how
    /// they stand. Each task also tells the tasks waiting for it when it finishes; asking again makes up for a notice
    /// lost with a node that went down.
    /// </summary>
    /// <value>The default value is 30 seconds.</value>
    /// <remarks>A shorter interval notices such a loss sooner, at the cost of one question per awaited task and interval.</remarks>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "WatchInterval must be between 1 second and 1 hour.")]
    public TimeSpan WatchInterval { get; set; } = PhaseFlowDefaults.WatchInterval;

    /// <summary>
    /// Gets or sets how many runs of one phase attempt may be interrupted in a row by the node stopping (a crash, out of
    /// memory, a kill) before the attempt counts as failed; the phase's retry policy then decides what follows.
    /// </summary>
    /// <value>The default value is 3.</value>
    /// <remarks>Without a limit, a phase that takes its node down would run again on every restart, on every node.</remarks>
    [Range(1, 100, ErrorMessage = "MaxInterruptedRuns must be between 1 and 100.")]
    public int MaxInterruptedRuns { get; set; } = PhaseFlowDefaults.MaxInterruptedRuns;

    /// <summary>
    /// Gets or sets how many tasks may be running on this node at once (submitted or recovered here, not yet settled).
    /// A new submission beyond it is refused (<see cref="PhaseFlow.Contracts.Commands.RejectionCode.Overloaded"/>, HTTP 429)
    /// before anything is stored; tasks that recover here after a restart or failover are never refused.
    /// </summary>
    /// <value>The default value is 10,000.</value>
    [Range(1, int.MaxValue, ErrorMessage = "MaxRunningTasks (--max-running-tasks) must be at least 1.")]
    public int MaxRunningTasks { get; set; } = PhaseFlowDefaults.MaxRunningTasks;

    /// <summary>
    /// Gets or sets how many tasks may read their journal back at once on this node (<c>akka.persistence.max-concurrent-recoveries</c>);
    /// the others wait their turn without a time limit. After a restart or a failover every task that was running recovers
    /// at once, and more reads than the database serves at a time would only queue in it, each against its own deadline.
    /// </summary>
    /// <value>The default value is 50.</value>
    [Range(1, 10_000, ErrorMessage = "MaxConcurrentRecoveries must be between 1 and 10000.")]
    public int MaxConcurrentRecoveries { get; set; } = PhaseFlowDefaults.MaxConcurrentRecoveries;

    /// <summary>Gets or sets how long a client waits for a task to answer.</summary>
    /// <value>The default value is 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "AskTimeout must be between 100 ms and 10 minutes.")]
    public TimeSpan AskTimeout { get; set; } = PhaseFlowDefaults.AskTimeout;
}
