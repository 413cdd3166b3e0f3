using System.Text.Json;
using System.Text.RegularExpressions;

namespace PhaseFlow.Tests.Host.Api.Fuzz;

/// <summary>The rules every answer to a generated request must keep; <see cref="Check"/> names the first one broken.</summary>
public static partial class FuzzVerdict
{
    /// <summary>
    /// Answers Kestrel gives before any middleware runs, for a request line or headers over its limits: a status line
    /// and no body, so there is nothing to leak and nowhere to put a problem.
    /// </summary>
    private static readonly int[] ProtocolLimitStatuses = [414, 431];

    /// <summary>Checks an answer.</summary>
    /// <param name="request">The request.</param>
    /// <param name="response">The answer.</param>
    /// <param name="keys">The node's keys.</param>
    /// <returns>What is wrong, or <see langword="null"/> when the answer keeps every rule.</returns>
    public static string? Check(FuzzRequest request, FuzzResponse response, FuzzKeys keys)
    {
        var status = response.Status;
        if (ProtocolLimitStatuses.Contains(status) || (status == 400 && request.Target.Contains("%00", StringComparison.Ordinal)))
        {
            // Kestrel also refuses an encoded NUL in the path itself (400), before any middleware.
            return response.Body.Length == 0 ? null : $"{status} from Kestrel's request checks should have no body";
        }

        if (!(status is >= 200 and <= 299 or >= 400 and <= 499) && !IsDocumented(request, status))
        {
            return $"status {status} is neither 2xx nor 4xx, nor a documented 503/429 of {request.Route}";
        }

        if (Leak(response.Body, response.IsSuccess) is { } leak)
        {
            return $"the body shows {leak}";
        }

        if (keys.ExpectedRejection(request) is { } refused)
        {
            if (status != refused)
            {
                return $"the credential {request.Credential} must get {refused}, not {status}";
            }

            if (refused == 401 && !response.WwwAuthenticate.Contains("Bearer", StringComparison.OrdinalIgnoreCase))
            {
                return "a 401 must carry WWW-Authenticate: Bearer";
            }
        }
        else if (request.Expect == FuzzExpectation.Rejected && status is < 400 or > 499)
        {
            return $"the request breaks a documented rule and must get a 4xx, not {status}";
        }
        else if (request.Expect == FuzzExpectation.Accepted && status is < 200 or > 299)
        {
            return $"the request is valid whatever the node's state and must get a 2xx, not {status}";
        }

        if (status >= 400)
        {
            return ProblemFault(request, response);
        }

        if (request.IsEventStream && status == 200 && response.MediaType != "text/event-stream")
        {
            return $"an event stream must be text/event-stream, not {response.MediaType}";
        }

        return null;
    }

    /// <summary>503 and 429 where the API documents them: a task that does not answer in time, a node not ready, limits.</summary>
    private static bool IsDocumented(FuzzRequest request, int status) => status switch
    {
        503 => request.Route is FuzzRoutes.Submit or FuzzRoutes.Get or FuzzRoutes.Cancel or FuzzRoutes.RetryRevert or FuzzRoutes.Resume or FuzzRoutes.Events or FuzzRoutes.Health,
        429 => request.Route is FuzzRoutes.Submit,
        _ => false,
    };

    private static string? ProblemFault(FuzzRequest request, FuzzResponse response)
    {
        if (response.MediaType != "application/problem+json")
        {
            return $"a {response.Status} must be application/problem+json, not {response.MediaType ?? "without a content type"}";
        }

        if (request.Method == "HEAD")
        {
            // A HEAD answer has headers only.
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(response.Body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "the problem is not a JSON object";
            }

            foreach (var field in (string[])["title", "detail"])
            {
                if (!root.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
                {
                    return $"the problem has no {field}";
                }
            }

            return root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Number && s.GetInt32() == response.Status
                ? null
                : "the problem's status does not match the response's";
        }
        catch (JsonException e)
        {
            return $"the problem is not JSON ({e.Message})";
        }
    }

    /// <summary>What a user must never read: .NET type names of the runtime or of PhaseFlow, stack frames, source paths.</summary>
    /// <remarks>
    /// A task's status (2xx) may name the exception type of a failed phase, as documented for <c>ErrorResource.Type</c>
    /// (<c>System.IO.IOException</c>: the task code's error, not the node's); it still never names PhaseFlow's types or shows frames.
    /// </remarks>
    private static string? Leak(string body, bool taskStatus)
    {
        foreach (var marker in taskStatus ? ["PhaseFlow.", "   at "] : (string[])["System.", "PhaseFlow.", "   at ", "Microsoft."])
        {
            var at = body.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                return $"'{marker}' near \"{body.Substring(Math.Max(0, at - 60), Math.Min(160, body.Length - Math.Max(0, at - 60)))}\"";
            }
        }

        return SourcePath().Match(body) is { Success: true } m ? $"a source path '{m.Value}'" : null;
    }

    [GeneratedRegex(@"[\w./\\-]+\.cs(:line \d+)?\b")]
    private static partial Regex SourcePath();
}
