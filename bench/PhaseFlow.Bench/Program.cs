using System.Diagnostics;
using System.Globalization;
using PhaseFlow.Bench;
using static PhaseFlow.Bench.ResultTable;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

if (options.Peers && !File.Exists(PeerRun.Program))
{
    Console.Error.WriteLine($"--peers needs the peers' program, which is not built: dotnet build bench/PhaseFlow.Bench.Peers -c {(PeerRun.Program.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release")}");
    return 2;
}

var total = Stopwatch.StartNew();
void Say(string what) => Console.Error.WriteLine($"[{total.Elapsed.TotalSeconds,6:F1}s] {what}");

// Every node measurement gets a fresh database of its own, deleted (or dropped) afterwards.
static async Task<T> OnSqliteAsync<T>(string name, Func<IBenchDatabase, Task<T>> run)
{
    using var scratch = new Scratch(name);
    return await run(scratch).ConfigureAwait(false);
}

static async Task<T> OnPostgresAsync<T>(string server, Func<IBenchDatabase, Task<T>> run)
{
    await using var database = await PostgresScratch.CreateAsync(server).ConfigureAwait(false);
    return await run(database).ConfigureAwait(false);
}

Say($"PhaseFlow bench: {options.Tasks} tasks x {options.Phases} phases, {options.Recover} in flight for recovery{(options.Quick ? " (quick)" : string.Empty)}; {Environment.ProcessorCount} cores");

if (options.Only is { } only)
{
    // Profiling aid: one scenario, its raw result, nothing else.
    object result = only switch
    {
        "throughput" => await OnSqliteAsync("throughput", d => ThroughputRun.RunAsync(options, d)),
        "latency" => await OnSqliteAsync("latency", d => LatencyRun.RunAsync(options, d)),
        "recovery" => await StartsAndRecoveryRun.RunAsync(options),
        "idle" => await IdleMemoryRun.RunAsync(options),
        "idle-streams" => await IdleStreamsRun.RunAsync(options),
        "postgres" when options.Postgres is { } postgresOnly => await RawPostgres.RunAsync(postgresOnly, options.RawRows, options.RawCommits, Say),
        "throughput-postgres" when options.Postgres is { } postgresOnly => await OnPostgresAsync(postgresOnly, d => ThroughputRun.RunAsync(options, d)),
        "latency-postgres" when options.Postgres is { } postgresOnly => await OnPostgresAsync(postgresOnly, d => LatencyRun.RunAsync(options, d)),
        _ => $"unknown scenario '{only}'",
    };
    Console.WriteLine(result);
    return 0;
}

string synchronous;
double rawBatched;
Percentiles rawCommit;
double rawCommitsPerSecond;
using (var raw = new Scratch("raw"))
{
    synchronous = RawSqlite.SynchronousLevel(raw.Folder);
    Say($"raw SQLite: batched INSERTs (100 rows per transaction, WAL, synchronous={synchronous})");
    RawSqlite.BatchedRowsPerSecond(raw.Folder, Math.Min(5000, options.RawRows), 100); // warm-up
    rawBatched = RawSqlite.BatchedRowsPerSecond(raw.Folder, options.RawRows, 100);
    Say("raw SQLite: single-row commits");
    (rawCommit, rawCommitsPerSecond) = RawSqlite.SingleRowCommits(raw.Folder, options.RawCommits);
}

Say($"PhaseFlow: {options.Tasks} x {options.Phases} no-op phases");
var throughput = await OnSqliteAsync("throughput", d => ThroughputRun.RunAsync(options, d));
Say($"PhaseFlow: one task alone, {options.LatencyPhases} phases");
var latency = await OnSqliteAsync("latency", d => LatencyRun.RunAsync(options, d));
Say($"PhaseFlow: {options.Recover} task starts, then a crash and a restart");
var recovery = await StartsAndRecoveryRun.RunAsync(options);
Say($"PhaseFlow: {options.Recover} idle tasks, kept in memory and then asleep");
var idle = await IdleMemoryRun.RunAsync(options);

RawPostgres.Result? postgres = null;
ThroughputRun.Result? postgresThroughput = null;
LatencyRun.Result? postgresLatency = null;
if (options.Postgres is { } server)
{
    Say("raw PostgreSQL: multi-row INSERT and COPY over 1-4 connections, then single-row commits (synchronous_commit = on)");
    postgres = await RawPostgres.RunAsync(server, options.RawRows, options.RawCommits, Say);
    Say($"PhaseFlow on PostgreSQL: {options.Tasks} x {options.Phases} no-op phases");
    postgresThroughput = await OnPostgresAsync(server, d => ThroughputRun.RunAsync(options, d));
    Say($"PhaseFlow on PostgreSQL: one task alone, {options.LatencyPhases} phases");
    postgresLatency = await OnPostgresAsync(server, d => LatencyRun.RunAsync(options, d));
}
else
{
    Say("PostgreSQL: skipped (no --postgres connection string)");
}

PeerRun.Result? hangfire = null;
PeerRun.Result? workflowCore = null;
if (options.Peers)
{
    Say($"Hangfire (SQLite storage): {options.Tasks} x {options.Phases} no-op phases, each a continuation job");
    hangfire = await PeerRun.RunAsync("hangfire", options);
    Say($"WorkflowCore (in-memory persistence): {options.Tasks} x {options.Phases} no-op steps");
    workflowCore = await PeerRun.RunAsync("workflowcore", options);
}

var ratio = throughput.PhasesPerSecond / rawBatched;
var table = new ResultTable();
string Incomplete(bool completed) => completed ? string.Empty : " (TIMED OUT)";
table.Add($"raw SQLite batched INSERT, 100 rows/tx, WAL, sync={synchronous} (rows/s)", string.Empty, Number(rawBatched));
table.Add($"raw SQLite single-row commit (commits/s; p50 / p99 ms)", string.Empty, $"{Number(rawCommitsPerSecond)}; {Number(rawCommit.P50, 3)} / {Number(rawCommit.P99, 3)}");
AddThroughput("SQLite", throughput, rawBatched);
AddLatency(string.Empty, latency, rawCommit);
table.Add($"task starts/s, submit -> first phase started ({options.Recover} tasks){Incomplete(recovery.Started)}", Number(recovery.StartsPerSecond), string.Empty, string.Empty, ">= 5,000", recovery.StartsPerSecond >= 5000);
table.Add(
    $"restart with {options.Recover} in flight -> all running again (s){Incomplete(recovery.Recovered)}",
    recovery.Recovered ? Number(recovery.RecoverySeconds, 2) : $"{recovery.RecoveredCount} of {options.Recover} after {Number(recovery.RecoverySeconds, 1)}",
    string.Empty,
    string.Empty,
    "<= 5 (10,000 tasks)",
    recovery.Recovered && recovery.RecoverySeconds <= 5 && options.Recover >= 10_000);
table.Add("  CPU ms per task started; per task running again", $"{Number(recovery.CpuMsPerStart, 3)}; {Number(recovery.CpuMsPerRecovery, 3)}");
table.Add("memory per running task (KiB)", Number(recovery.BytesPerRunningTask / 1024, 1), string.Empty, string.Empty, "<= 20", recovery.BytesPerRunningTask <= 20 * 1024);
table.Add($"memory per idle remembered task (KiB){Incomplete(idle.Completed)}", Number(idle.BytesPerIdleTask / 1024, 1), string.Empty, string.Empty, "<= 4", idle.BytesPerIdleTask <= 4 * 1024);
table.Add($"memory per waiting task asleep, the default (KiB){Incomplete(idle.SleepCompleted)}", Number(idle.BytesPerSleepingTask / 1024, 1), string.Empty, string.Empty, "<= 1", idle.BytesPerSleepingTask <= 1024);
table.Add("peak working set of the bench process (MiB)", Number(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0));
if (postgres is null || postgresThroughput is null || postgresLatency is null)
{
    table.Add("PostgreSQL", "skipped: no --postgres connection string given");
}
else
{
    foreach (var variant in postgres.Variants)
    {
        table.Add($"raw PostgreSQL {variant.Description}, synchronous_commit={postgres.SynchronousCommit} (rows/s)", string.Empty, Number(variant.RowsPerSecond));
    }

    table.Add($"raw PostgreSQL limit reached by: {postgres.Best.Description} (rows/s)", string.Empty, Number(postgres.RowsPerSecond));
    table.Add("raw PostgreSQL single-row commit (commits/s; p50 / p99 ms)", string.Empty, $"{Number(postgres.CommitsPerSecond)}; {Number(postgres.Commit.P50, 3)} / {Number(postgres.Commit.P99, 3)}");
    AddThroughput("PostgreSQL", postgresThroughput, postgres.RowsPerSecond);
    AddLatency(", PostgreSQL", postgresLatency, postgres.Commit);
}

if (hangfire is not null && workflowCore is not null)
{
    AddPeer("Hangfire 1.8.25, Hangfire.Storage.SQLite 0.4.3 (durable, SQLite file)", hangfire);
    AddPeer("WorkflowCore 3.22.0, in-memory persistence (NOT durable)", workflowCore);
}

// The same work on a peer engine: PhaseFlow's SQLite phases/s over the peer's.
void AddPeer(string peer, PeerRun.Result run) => table.Add(
    $"{options.Tasks} x {options.Phases} no-op phases on {peer} (phases/s){(run.Completed ? string.Empty : $" (TIMED OUT: {run.Phases} phases in {options.Patience.TotalSeconds:F0} s)")}",
    Number(throughput.PhasesPerSecond),
    Number(run.PhasesPerSecond),
    Number(throughput.PhasesPerSecond / run.PhasesPerSecond, 2));

// PhaseFlow's phases/s next to the storage's batched limit, and how many journal rows each phase cost.
void AddThroughput(string storage, ThroughputRun.Result run, double limit)
{
    var phasesRatio = run.PhasesPerSecond / limit;
    table.Add(
        $"{options.Tasks} x {options.Phases} no-op phases, {storage} (phases/s){Incomplete(run.Completed)}",
        Number(run.PhasesPerSecond),
        Number(limit) + " rows/s",
        Number(phasesRatio, 3),
        ">= 0.25",
        phasesRatio >= 0.25);
    table.Add("  journal rows written per phase (task + sharding)", Number((run.TaskRows + run.ShardingRows) / (double)(options.Tasks * options.Phases), 2));
    table.Add("  journal rows/s; CPU ms per phase", $"{Number(run.RowsPerSecond)}; {Number(run.CpuMsPerPhase, 3)}");
    table.Add("  mean PhaseCompleted message size, node / raw limit rows (bytes)", $"{run.MeanMessageBytes} / {BenchPayload.PhaseCompleted().Length}");
}

// One task's phase-to-phase time next to one raw commit of the same storage.
void AddLatency(string storage, LatencyRun.Result run, Percentiles commit)
{
    var latencyRatio = run.PhaseToPhase.P50 / commit.P50;
    table.Add(
        $"single task phase-to-phase p50 / p99{storage} (ms){Incomplete(run.Completed)}",
        $"{Number(run.PhaseToPhase.P50, 3)} / {Number(run.PhaseToPhase.P99, 3)}",
        $"{Number(commit.P50, 3)} (1 commit p50)",
        Number(latencyRatio, 2),
        "<= 3",
        latencyRatio <= 3);
}

var text = $"PhaseFlow bench, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
    $"{options.Tasks} tasks x {options.Phases} phases, recovery/memory with {options.Recover} tasks{(options.Quick ? ", --quick" : string.Empty)}; total {total.Elapsed.TotalSeconds:F0} s\n\n" +
    table + "\n" +
    string.Create(CultureInfo.InvariantCulture, $"phases/s={throughput.PhasesPerSecond:F0} limit={rawBatched:F0} ratio={ratio:F3}");
Console.WriteLine(text);
if (options.Out is { } file && !await TryWriteAsync("--out", file, text + Environment.NewLine))
{
    return 2;
}

if (options.Json is { } jsonFile)
{
    static double? Figure(double value, bool measured = true) => BenchFigures.Figure(value, measured);
    var figures = new BenchFigures(
        SqlitePhasesPerSecond: Figure(throughput.PhasesPerSecond, throughput.Completed),
        SqliteLimitRowsPerSecond: Figure(rawBatched),
        SqliteRatio: Figure(ratio, throughput.Completed),
        CpuMsPerPhase: Figure(throughput.CpuMsPerPhase, throughput.Completed),
        P50Ms: Figure(latency.PhaseToPhase.P50, latency.Completed),
        P99Ms: Figure(latency.PhaseToPhase.P99, latency.Completed),
        CommitP50Ms: Figure(rawCommit.P50),
        StartsPerSecond: Figure(recovery.StartsPerSecond, recovery.Started),
        Recovery10kSeconds: Figure(recovery.RecoverySeconds, recovery.Recovered && options.Recover == 10_000),
        RunningKib: Figure(recovery.BytesPerRunningTask / 1024, recovery.Started),
        IdleKib: Figure(idle.BytesPerIdleTask / 1024, idle.Completed),
        PostgresPhasesPerSecond: postgresThroughput is null ? null : Figure(postgresThroughput.PhasesPerSecond, postgresThroughput.Completed),
        PostgresLimitRowsPerSecond: postgres is null ? null : Figure(postgres.RowsPerSecond),
        PostgresRatio: postgres is null || postgresThroughput is null ? null : Figure(postgresThroughput.PhasesPerSecond / postgres.RowsPerSecond, postgresThroughput.Completed));
    if (!await TryWriteAsync("--json", jsonFile, figures.ToJson() + Environment.NewLine))
    {
        return 2;
    }
}

return 0;

// A result file that could be written at start-up but not now (folder removed, disk full): one line, exit code 2.
static async Task<bool> TryWriteAsync(string option, string file, string content)
{
    try
    {
        await File.WriteAllTextAsync(file, content);
        return true;
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"{option}: cannot write '{file}': {e.Message}");
        return false;
    }
}
