using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Host.Security;

namespace PhaseFlow.Host.Api;

/// <summary>What stands before the API's routes: Kestrel's request limits, the per-client rate limit and the key check.</summary>
internal static class ApiProtection
{
    /// <summary>The most bytes of a request body Kestrel reads; the submit route itself stops at <see cref="PhaseFlowApi.MaxRequestBodyBytes"/>.</summary>
    private const long MaxRequestBodyBytes = 4L * 1024 * 1024;

    /// <summary>Registers the limits and keys.</summary>
    /// <param name="builder">The node's web application builder.</param>
    /// <param name="access">The API keys.</param>
    /// <param name="limits">The limits.</param>
    public static void AddApiProtection(this WebApplicationBuilder builder, ApiAccessOptions access, ApiLimitOptions limits)
    {
        // Set explicitly rather than left to Kestrel's defaults, so the README's table is the truth.
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestLineSize = ApiLimitOptions.MaxRequestLineBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = ApiLimitOptions.MaxRequestHeadersBytes;
            kestrel.Limits.MaxRequestHeaderCount = ApiLimitOptions.MaxRequestHeaderCount;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        });

        builder.Services.AddSingleton(new ApiKeyRing(access));
        builder.Services.AddSingleton(sp => new EventStreamSlots(limits.MaxEventStreams, sp.GetRequiredService<IMeterFactory>()));
        if (limits.RateLimitPerSecond > 0)
        {
            builder.Services.AddRateLimiter(options =>
            {
                options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    IsHealth(context.Request)
                        ? RateLimitPartition.GetNoLimiter(string.Empty)
                        : RateLimitPartition.GetTokenBucketLimiter(
                            context.Connection.RemoteIpAddress?.ToString() ?? string.Empty,
                            _ => new TokenBucketRateLimiterOptions
                            {
                                TokenLimit = limits.RateLimitPerSecond,
                                TokensPerPeriod = limits.RateLimitPerSecond,
                                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                                QueueLimit = 0,
                                AutoReplenishment = true,
                            }));
                options.OnRejected = (rejected, _) => new ValueTask(ApiProblems.TooManyRequests(
                    $"This node takes at most {limits.RateLimitPerSecond} requests per second from one client address (--rate-limit); slow down.")
                    .ExecuteAsync(rejected.HttpContext));
            });
        }
    }

    /// <summary>Puts the rate limit (when on) and the key check before the routes.</summary>
    /// <param name="app">The node's web application.</param>
    /// <param name="limits">The limits.</param>
    public static void UseApiProtection(this WebApplication app, ApiLimitOptions limits)
    {
        // The rate limit comes first: it also slows down anyone guessing keys.
        if (limits.RateLimitPerSecond > 0)
        {
            app.UseRateLimiter();
        }

        app.UseMiddleware<ApiKeyGate>();
    }

    private static bool IsHealth(HttpRequest request) => request.Path.Equals(PhaseFlowApi.Health, StringComparison.OrdinalIgnoreCase);
}
