namespace PhaseFlow.Bench;

/// <summary>p50 and p99 of a set of durations, in milliseconds.</summary>
internal sealed record Percentiles(double P50, double P99, int Count)
{
    public static Percentiles Of(IReadOnlyCollection<double> milliseconds)
    {
        if (milliseconds.Count == 0)
        {
            return new Percentiles(double.NaN, double.NaN, 0);
        }

        var sorted = milliseconds.Order().ToArray();
        return new Percentiles(At(sorted, 0.50), At(sorted, 0.99), sorted.Length);
    }

    private static double At(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
