namespace PhaseFlow.Bench;

/// <summary>Placeholder until the PostgreSQL raw limit is wired.</summary>
internal static class RawPostgres
{
    public sealed record Result(double RowsPerSecond, double CommitP50, string SynchronousCommit);

    public static Task<Result?> RunAsync(string connectionString, int rows) => Task.FromResult<Result?>(null);
}
