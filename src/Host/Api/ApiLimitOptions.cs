namespace PhaseFlow.Host.Api;

/// <summary>What one node's HTTP API takes on at once; bound from the <c>PhaseFlow</c> section.</summary>
internal sealed class ApiLimitOptions
{
    /// <summary>The longest request line (method, URL, version) Kestrel accepts, in bytes; longer gets 414.</summary>
    public const int MaxRequestLineBytes = 8 * 1024;

    /// <summary>The most header bytes of one request Kestrel accepts; more gets 431.</summary>
    public const int MaxRequestHeadersBytes = 32 * 1024;

    /// <summary>The most headers one request may have; more gets 431.</summary>
    public const int MaxRequestHeaderCount = 100;

    /// <summary>How long a client told to wait (429, 503 at a limit) is asked to wait, in seconds.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>Gets or sets how many event streams (<c>GET /tasks/{id}/events</c>) may be open on this node at once.</summary>
    /// <value>The default value is 1,000; one more is answered 503 with <c>Retry-After</c>.</value>
    public int MaxEventStreams { get; set; } = 1_000;

    /// <summary>Gets or sets how many requests per second one client address may make; 0 turns the limit off.</summary>
    /// <value>The default value is 0 (off). Beyond it a request is answered 429 with <c>Retry-After</c>; <c>GET /health</c> is never limited.</value>
    public int RateLimitPerSecond { get; set; }

    /// <summary>Lists what is wrong with the options.</summary>
    /// <returns>One message per problem; empty when the options are valid.</returns>
    public IEnumerable<string> Problems()
    {
        if (MaxEventStreams < 1)
        {
            yield return $"--max-event-streams must be at least 1; it is {MaxEventStreams}.";
        }

        if (RateLimitPerSecond < 0)
        {
            yield return $"--rate-limit must be 0 (off) or a number of requests per second per client; it is {RateLimitPerSecond}.";
        }
    }
}
