using Microsoft.AspNetCore.Http;

namespace PhaseFlow.Host.Api;

/// <summary>A 401 response that names the scheme the API expects (<c>WWW-Authenticate: Bearer</c>), as RFC 9110 requires.</summary>
/// <param name="inner">The problem response itself.</param>
internal sealed class ChallengeResult(IResult inner) : IResult
{
    /// <summary>The challenge every 401 carries.</summary>
    public const string Challenge = "Bearer realm=\"phaseflow\"";

    /// <inheritdoc/>
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.WWWAuthenticate = Challenge;
        return inner.ExecuteAsync(httpContext);
    }
}
