namespace PhaseFlow.Contracts.Http;

/// <summary>The body of <c>GET /health</c>.</summary>
/// <param name="Status"><c>ready</c> (HTTP 200) or <c>starting</c> (HTTP 503).</param>
/// <param name="Detail">What is not ready yet; <see langword="null"/> when ready.</param>
public sealed record HealthReport(string Status, string? Detail = null);
