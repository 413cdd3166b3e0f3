namespace PhaseFlow.Contracts.Authoring;

/// <summary>
/// How often a phase is attempted and how long to wait between attempts (exponential backoff).
/// </summary>
/// <remarks>
/// Retries are durable: each failed attempt is a journal event, so a crash during a backoff resumes with the
/// next attempt, and the attempt counter never goes back. A phase that was cancelled is never retried.
/// </remarks>
public sealed record RetryPolicy
{
    private RetryPolicy(int maxAttempts, TimeSpan initialDelay, double backoffFactor, TimeSpan maxDelay, Func<Exception, bool>? shouldRetry)
    {
        MaxAttempts = maxAttempts;
        InitialDelay = initialDelay;
        BackoffFactor = backoffFactor;
        MaxDelay = maxDelay;
        ShouldRetry = shouldRetry;
    }

    /// <summary>Gets the policy that runs a phase once and never retries it. This is the default of every phase.</summary>
    public static RetryPolicy None { get; } = new(1, TimeSpan.Zero, 1, TimeSpan.Zero, null);

    /// <summary>Gets the total number of attempts, the first one included.</summary>
    /// <value>At least 1. The default value is 1.</value>
    public int MaxAttempts { get; }

    /// <summary>Gets the wait before the second attempt.</summary>
    public TimeSpan InitialDelay { get; }

    /// <summary>Gets the factor the wait is multiplied by after each further failed attempt.</summary>
    /// <value>At least 1.</value>
    public double BackoffFactor { get; }

    /// <summary>Gets the longest wait between two attempts.</summary>
    public TimeSpan MaxDelay { get; }

    /// <summary>Gets the filter that decides whether an exception is worth another attempt; <see langword="null"/> retries every exception.</summary>
    public Func<Exception, bool>? ShouldRetry { get; }

    /// <summary>Creates an exponential-backoff policy.</summary>
    /// <param name="maxAttempts">Total attempts, the first one included; 1 to 100.</param>
    /// <param name="initialDelay">Wait before the second attempt; zero or more.</param>
    /// <param name="backoffFactor">Multiplier for each further wait; 1 to 10. The default value is 2.</param>
    /// <param name="maxDelay">Cap on any wait; defaults to 5 minutes (and never below <paramref name="initialDelay"/>).</param>
    /// <param name="shouldRetry">Which exceptions are retried; <see langword="null"/> (the default) retries all.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside the range given above.</exception>
    public static RetryPolicy Exponential(
        int maxAttempts,
        TimeSpan initialDelay,
        double backoffFactor = 2,
        TimeSpan? maxDelay = null,
        Func<Exception, bool>? shouldRetry = null)
    {
        if (maxAttempts is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(maxAttempts), maxAttempts, "maxAttempts must be between 1 and 100 (it counts the first attempt too).");
        }

        if (initialDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(initialDelay), initialDelay, "initialDelay must be zero or positive.");
        }

        if (double.IsNaN(backoffFactor) || backoffFactor < 1 || backoffFactor > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(backoffFactor), backoffFactor, "backoffFactor must be between 1 and 10.");
        }

        var cap = maxDelay ?? TimeSpan.FromMinutes(5);
        if (cap < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDelay), maxDelay, "maxDelay must be zero or positive.");
        }

        return new RetryPolicy(maxAttempts, initialDelay, backoffFactor, cap < initialDelay ? initialDelay : cap, shouldRetry);
    }

    /// <summary>Decides whether the attempt that just failed is followed by another one.</summary>
    /// <param name="failedAttempt">The 1-based number of the attempt that failed.</param>
    /// <param name="error">What it failed with.</param>
    /// <returns><see langword="true"/> when another attempt is allowed.</returns>
    public bool AllowsRetry(int failedAttempt, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return failedAttempt < MaxAttempts && (ShouldRetry?.Invoke(error) ?? true);
    }

    /// <summary>Gets the wait after the given failed attempt.</summary>
    /// <param name="failedAttempt">The 1-based number of the attempt that failed.</param>
    /// <returns><see cref="InitialDelay"/> times <see cref="BackoffFactor"/> to the power (attempt − 1), capped at <see cref="MaxDelay"/>.</returns>
    public TimeSpan DelayAfter(int failedAttempt)
    {
        var ticks = InitialDelay.Ticks * Math.Pow(BackoffFactor, Math.Max(0, failedAttempt - 1));
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }
}
