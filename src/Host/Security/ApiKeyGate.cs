using Microsoft.AspNetCore.Http;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Host.Api;
using PhaseFlow.Host.Dashboard;

namespace PhaseFlow.Host.Security;

/// <summary>
/// Asks every request for an API key (<c>Authorization: Bearer KEY</c>) when the node has keys: none or an unknown one
/// is 401, a read key on a route that changes something is 403. <c>GET /health</c> stays open for load balancers.
/// </summary>
/// <param name="next">The rest of the pipeline.</param>
/// <param name="keys">The node's keys.</param>
internal sealed class ApiKeyGate(RequestDelegate next, ApiKeyRing keys)
{
    private const string Scheme = "Bearer ";

    /// <summary>Lets the request through or answers it.</summary>
    /// <param name="context">The request.</param>
    /// <returns>When the request is handled.</returns>
    public Task InvokeAsync(HttpContext context)
    {
        var reads = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
        if (!keys.IsEnabled || (reads && (context.Request.Path.Equals(PhaseFlowApi.Health, StringComparison.OrdinalIgnoreCase) || DashboardEndpoints.IsDashboard(context.Request.Path))))
        {
            return next(context);
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return ApiProblems.Unauthorized(
                "This node asks for an API key: send the header 'Authorization: Bearer KEY' " +
                "(the phaseflow CLI: --api-key KEY or PHASEFLOW_API_KEY).").ExecuteAsync(context);
        }

        return keys.Check(header[Scheme.Length..].Trim()) switch
        {
            ApiKeyRing.Access.Full => next(context),
            ApiKeyRing.Access.Read when reads => next(context),
            ApiKeyRing.Access.Read => ApiProblems.Forbidden(
                "This key may only read (GET routes and event streams); submitting, cancelling, retrying a revert and resuming need a full key.")
                .ExecuteAsync(context),
            _ => ApiProblems.Unauthorized("The API key is not one of this node's keys.").ExecuteAsync(context),
        };
    }
}
