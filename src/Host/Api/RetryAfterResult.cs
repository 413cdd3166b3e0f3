using Microsoft.AspNetCore.Http;

namespace PhaseFlow.Host.Api;

/// <summary>A response that tells the client when to try again (<c>Retry-After</c>, in seconds).</summary>
/// <param name="inner">The response itself.</param>
/// <param name="seconds">How long to wait.</param>
internal sealed class RetryAfterResult(IResult inner, int seconds) : IResult
{
    /// <inheritdoc/>
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return inner.ExecuteAsync(httpContext);
    }
}
