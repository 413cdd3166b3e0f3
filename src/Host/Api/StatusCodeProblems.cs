using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using PhaseFlow.Contracts.Http;

namespace PhaseFlow.Host.Api;

/// <summary>
/// Gives the answers ASP.NET Core makes without an endpoint of ours (no route matches: 404; the route exists for
/// other methods: 405) the same <c>application/problem+json</c> body, with a detail, as every other error.
/// </summary>
internal static class StatusCodeProblems
{
    private static readonly string Routes = string.Join(", ", [
        $"POST {PhaseFlowApi.Tasks}", $"GET {PhaseFlowApi.Tasks}", $"GET {PhaseFlowApi.Tasks}/{{id}}", $"POST {PhaseFlowApi.Tasks}/{{id}}/cancel",
        $"POST {PhaseFlowApi.Tasks}/{{id}}/retry-revert", $"POST {PhaseFlowApi.Tasks}/{{id}}/resume", $"POST {PhaseFlowApi.Tasks}/{{id}}/signals/{{name}}", $"GET {PhaseFlowApi.Tasks}/{{id}}/events", $"GET {PhaseFlowApi.Health}"]);

    /// <summary>Writes the problem for a response that has a 4xx or 5xx status and no body yet.</summary>
    /// <param name="context">The status code pages context.</param>
    /// <returns>A task that completes when the problem is written.</returns>
    public static Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var target = $"{http.Request.Method} {http.Request.Path}";
        var allow = http.Response.Headers.Allow.ToString();
        var (title, detail) = status switch
        {
            StatusCodes.Status404NotFound => ("Not found", $"Nothing answers {target}. The API has {Routes}."),
            StatusCodes.Status405MethodNotAllowed => ("Method not allowed", $"{target} is not allowed{(allow.Length > 0 ? $"; this path takes {allow}" : string.Empty)}. The API has {Routes}."),
            _ => (ReasonPhrases.GetReasonPhrase(status), $"The request was refused ({status} {ReasonPhrases.GetReasonPhrase(status)})."),
        };
        return Results.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(http);
    }
}
