namespace PhaseFlow.Tests.Host.Api.Fuzz;

/// <summary>What the node answered to a generated request.</summary>
/// <param name="Status">The status code.</param>
/// <param name="MediaType">The media type of <c>Content-Type</c>, or <see langword="null"/>.</param>
/// <param name="Body">The body as text; empty for an event stream that was opened (only its headers are read).</param>
/// <param name="WwwAuthenticate">The <c>WWW-Authenticate</c> header, or an empty string.</param>
/// <param name="RetryAfter">The <c>Retry-After</c> header, or an empty string.</param>
/// <param name="Elapsed">How long the answer took.</param>
public sealed record FuzzResponse(int Status, string? MediaType, string Body, string WwwAuthenticate, string RetryAfter, TimeSpan Elapsed)
{
    /// <summary>Gets a value indicating whether the status is 2xx.</summary>
    public bool IsSuccess => Status is >= 200 and <= 299;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Status} {MediaType ?? "(no content type)"} after {Elapsed.TotalMilliseconds:F0} ms"
        + (WwwAuthenticate.Length > 0 ? $", WWW-Authenticate: {WwwAuthenticate}" : string.Empty)
        + (RetryAfter.Length > 0 ? $", Retry-After: {RetryAfter}" : string.Empty)
        + $"\n  body: {(Body.Length <= 1500 ? Body : Body[..1500] + $"… ({Body.Length} chars)")}";
}
