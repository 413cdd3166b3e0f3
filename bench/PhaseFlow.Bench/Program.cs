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

var total = Stopwatch.StartNew();
void Say(string what) => Console.Error.WriteLine($"[{total.Elapsed.TotalSeconds,6:F1}s] {what}");

Say($"PhaseFlow bench: {options.Tasks} tasks x {options.Phases} phases, {options.Recover} in flight for recovery{(options.Quick ? " (quick)" : string.Empty)}; {Environment.ProcessorCount} cores");

if (options.Only is { } only)
{
    // Profiling aid: one scenario, its raw result, nothing else.
    object result = only switch
    {
        "throughput" => await ThroughputRun.RunAsync(options),
        "latency" => await LatencyRun.RunAsync(options),
        "recovery" => await StartsAndRecoveryRun.RunAsync(options),
        "idle" => await IdleMemoryRun.RunAsync(options),
        "postgres" when options.Postgres is { } postgresOnly => await RawPostgres.RunAsync(postgresOnly, options.RawRows, options.RawCommits),
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
var throughput = await ThroughputRun.RunAsync(options);
Say($"PhaseFlow: one task alone, {options.LatencyPhases} phases");
var latency = await LatencyRun.RunAsync(options);
Say($"PhaseFlow: {options.Recover} task starts, then a crash and a restart");
var recovery = await StartsAndRecoveryRun.RunAsync(options);
Say($"PhaseFlow: {options.Recover} idle remembered tasks");
var idle = await IdleMemoryRun.RunAsync(options);

Say(options.Postgres is null ? "PostgreSQL: skipped (no --postgres connection string)" : "raw PostgreSQL: batched INSERTs and single-row commits");
var postgres = options.Postgres is null ? null : await RawPostgres.RunAsync(options.Postgres, options.RawRows, options.RawCommits);

var ratio = throughput.PhasesPerSecond / rawBatched;
var latencyRatio = latency.PhaseToPhase.P50 / rawCommit.P50;
var table = new ResultTable();
string Incomplete(bool completed) => completed ? string.Empty : " (TIMED OUT)";
table.Add($"raw SQLite batched INSERT, 100 rows/tx, WAL, sync={synchronous} (rows/s)", string.Empty, Number(rawBatched));
table.Add($"raw SQLite single-row commit (commits/s; p50 / p99 ms)", string.Empty, $"{Number(rawCommitsPerSecond)}; {Number(rawCommit.P50, 3)} / {Number(rawCommit.P99, 3)}");
table.Add(
    $"{options.Tasks} x {options.Phases} no-op phases, SQLite (phases/s){Incomplete(throughput.Completed)}",
    Number(throughput.PhasesPerSecond),
    Number(rawBatched) + " rows/s",
    Number(ratio, 3),
    ">= 0.25",
    ratio >= 0.25);
table.Add("  journal rows written per phase (task + sharding)", Number((throughput.TaskRows + throughput.ShardingRows) / (double)(options.Tasks * options.Phases), 2));
table.Add("  journal rows/s; CPU ms per phase", $"{Number(throughput.RowsPerSecond)}; {Number(throughput.CpuMsPerPhase, 3)}");
table.Add(
    $"single task phase-to-phase p50 / p99 (ms){Incomplete(latency.Completed)}",
    $"{Number(latency.PhaseToPhase.P50, 3)} / {Number(latency.PhaseToPhase.P99, 3)}",
    $"{Number(rawCommit.P50, 3)} (1 commit p50)",
    Number(latencyRatio, 2),
    "<= 3",
    latencyRatio <= 3);
table.Add($"task starts/s, submit -> first phase started ({options.Recover} tasks){Incomplete(recovery.Started)}", Number(recovery.StartsPerSecond), string.Empty, string.Empty, ">= 5,000", recovery.StartsPerSecond >= 5000);
table.Add(
    $"restart with {options.Recover} in flight -> all running again (s){Incomplete(recovery.Recovered)}",
    recovery.Recovered ? Number(recovery.RecoverySeconds, 2) : $"{recovery.RecoveredCount} of {options.Recover} after {Number(recovery.RecoverySeconds, 1)}",
    string.Empty,
    string.Empty,
    "< 10 (10,000 tasks)",
    recovery.Recovered && recovery.RecoverySeconds < 10 && options.Recover >= 10_000);
table.Add("memory per running task (KiB)", Number(recovery.BytesPerRunningTask / 1024, 1), string.Empty, string.Empty, "<= 20", recovery.BytesPerRunningTask <= 20 * 1024);
table.Add($"memory per idle remembered task (KiB){Incomplete(idle.Completed)}", Number(idle.BytesPerIdleTask / 1024, 1), string.Empty, string.Empty, "<= 4", idle.BytesPerIdleTask <= 4 * 1024);
table.Add("peak working set of the bench process (MiB)", Number(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0));
if (postgres is null)
{
    table.Add("PostgreSQL", "skipped: no --postgres connection string given");
}
else
{
    table.Add($"raw PostgreSQL batched INSERT, 100 rows/tx, synchronous_commit={postgres.SynchronousCommit} (rows/s)", string.Empty, Number(postgres.RowsPerSecond));
    table.Add("raw PostgreSQL single-row commit (commits/s; p50 / p99 ms)", string.Empty, $"{Number(postgres.CommitsPerSecond)}; {Number(postgres.Commit.P50, 3)} / {Number(postgres.Commit.P99, 3)}");
    table.Add("PhaseFlow on PostgreSQL (target ratio >= 0.25)", "not measured: the node has no PostgreSQL journal yet; only the raw limit is reported");
}

var text = $"PhaseFlow bench, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
    $"{options.Tasks} tasks x {options.Phases} phases, recovery/memory with {options.Recover} tasks{(options.Quick ? ", --quick" : string.Empty)}; total {total.Elapsed.TotalSeconds:F0} s\n\n" +
    table + "\n" +
    string.Create(CultureInfo.InvariantCulture, $"phases/s={throughput.PhasesPerSecond:F0} limit={rawBatched:F0} ratio={ratio:F3}");
Console.WriteLine(text);
if (options.Out is { } file)
{
    await File.WriteAllTextAsync(file, text + Environment.NewLine);
}

return 0;
