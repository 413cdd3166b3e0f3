using System.Text.Json;
using System.Text.Json.Serialization;

namespace PhaseFlow.Bench;

/// <summary>
/// Every figure of a run under fixed keys, for <c>--json FILE</c>. A figure the run did not measure (no
/// <c>--postgres</c>, a scenario that timed out, recovery with other than 10,000 tasks) is null, never a stand-in.
/// </summary>
internal sealed record BenchFigures(
    [property: JsonPropertyName("sqlite_phases_per_s")] double? SqlitePhasesPerSecond,
    [property: JsonPropertyName("sqlite_limit_rows_per_s")] double? SqliteLimitRowsPerSecond,
    [property: JsonPropertyName("sqlite_ratio")] double? SqliteRatio,
    [property: JsonPropertyName("cpu_ms_per_phase")] double? CpuMsPerPhase,
    [property: JsonPropertyName("p50_ms")] double? P50Ms,
    [property: JsonPropertyName("p99_ms")] double? P99Ms,
    [property: JsonPropertyName("commit_p50_ms")] double? CommitP50Ms,
    [property: JsonPropertyName("starts_per_s")] double? StartsPerSecond,
    [property: JsonPropertyName("recovery_10k_s")] double? Recovery10kSeconds,
    [property: JsonPropertyName("running_kib")] double? RunningKib,
    [property: JsonPropertyName("idle_kib")] double? IdleKib,
    [property: JsonPropertyName("pg_phases_per_s")] double? PostgresPhasesPerSecond,
    [property: JsonPropertyName("pg_limit_rows_per_s")] double? PostgresLimitRowsPerSecond,
    [property: JsonPropertyName("pg_ratio")] double? PostgresRatio)
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    /// <summary>A measured value rounded for reading, or null when it was not measured (or is not a number).</summary>
    public static double? Figure(double value, bool measured = true) =>
        measured && double.IsFinite(value) ? Math.Round(value, 4) : null;

    public string ToJson() => JsonSerializer.Serialize(this, Options);
}
