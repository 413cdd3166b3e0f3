using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PhaseFlow.Host.Api;

/// <summary>
/// Gives every 503 the API answers a <c>Retry-After</c>, so a client knows when to try again: a task that is moving
/// between nodes, one that did not answer in time, a journal that cannot be read, a node that is starting.
/// </summary>
internal static class UnavailableRetryAfter
{
    /// <summary>The seconds a client is told to wait when the answer does not name its own; a moving task answers within a few.</summary>
    public const int Seconds = 2;

    /// <summary>Adds the header to every 503 response that has none (limits set their own).</summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication UseRetryAfterOnUnavailable(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var response = context.Response;
            response.OnStarting(() =>
            {
                if (response.StatusCode == StatusCodes.Status503ServiceUnavailable && !response.Headers.ContainsKey("Retry-After"))
                {
                    response.Headers.RetryAfter = Seconds.ToString(CultureInfo.InvariantCulture);
                }

                return Task.CompletedTask;
            });
            await next(context);
        });
        return app;
    }
}
