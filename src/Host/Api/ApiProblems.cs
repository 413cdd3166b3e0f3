using Microsoft.AspNetCore.Http;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Commands;

namespace PhaseFlow.Host.Api;

/// <summary>The API's error responses: <c>application/problem+json</c> whose <c>detail</c> says what was wrong and what is allowed.</summary>
internal static class ApiProblems
{
    /// <summary>400: the request is malformed or names something that does not exist.</summary>
    /// <param name="detail">What was wrong and what is allowed.</param>
    /// <returns>The result.</returns>
    public static IResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "Invalid request", detail);

    /// <summary>404: no task has the id.</summary>
    /// <param name="taskId">The id.</param>
    /// <returns>The result.</returns>
    public static IResult NotFound(string taskId) => Problem(StatusCodes.Status404NotFound, "Task not found", $"No task has id '{taskId}'.");

    /// <summary>503: the node did not get an answer in time.</summary>
    /// <param name="detail">What did not answer.</param>
    /// <returns>The result.</returns>
    public static IResult Unavailable(string detail) => Problem(StatusCodes.Status503ServiceUnavailable, "Not available", detail);

    /// <summary>503 with <c>Retry-After</c>: a limit of the node is reached for now.</summary>
    /// <param name="detail">Which limit, and what to do.</param>
    /// <returns>The result.</returns>
    public static IResult AtLimit(string detail) =>
        new RetryAfterResult(Problem(StatusCodes.Status503ServiceUnavailable, "Limit reached", detail), ApiLimitOptions.RetryAfterSeconds);

    /// <summary>429 with <c>Retry-After</c>: the caller asks for more than the node takes on.</summary>
    /// <param name="detail">Which limit, and what to do.</param>
    /// <returns>The result.</returns>
    public static IResult TooManyRequests(string detail) =>
        new RetryAfterResult(Problem(StatusCodes.Status429TooManyRequests, "Too many requests", detail), ApiLimitOptions.RetryAfterSeconds);

    /// <summary>401 with <c>WWW-Authenticate: Bearer</c>: no key, or one the node does not know.</summary>
    /// <param name="detail">What was missing and how to send it.</param>
    /// <returns>The result.</returns>
    public static IResult Unauthorized(string detail) =>
        new ChallengeResult(Problem(StatusCodes.Status401Unauthorized, "API key required", detail));

    /// <summary>403: a read key on a route that changes something.</summary>
    /// <param name="detail">What the key may do.</param>
    /// <returns>The result.</returns>
    public static IResult Forbidden(string detail) => Problem(StatusCodes.Status403Forbidden, "Not allowed with this key", detail);

    /// <summary>Turns a rejected command into its HTTP status: 404, 409, 400, 429, 500 (a fault in the task type) or 503.</summary>
    /// <param name="rejected">The rejection.</param>
    /// <returns>The result.</returns>
    public static IResult From(CommandRejected rejected) => rejected.Code switch
    {
        RejectionCode.NotFound => Problem(StatusCodes.Status404NotFound, "Task not found", rejected.Message, rejected.State),
        RejectionCode.Conflict => Problem(StatusCodes.Status409Conflict, "Task id in use", rejected.Message, rejected.State),
        RejectionCode.InvalidState => Problem(StatusCodes.Status409Conflict, "Not possible in the task's state", rejected.Message, rejected.State),
        RejectionCode.UnknownType => Problem(StatusCodes.Status400BadRequest, "Unknown task type", rejected.Message, rejected.State),
        RejectionCode.TaskTypeFault => Problem(StatusCodes.Status500InternalServerError, "The task type failed", rejected.Message, rejected.State),
        RejectionCode.Unavailable => Problem(StatusCodes.Status503ServiceUnavailable, "Not available", rejected.Message, rejected.State),
        RejectionCode.Overloaded => TooManyRequests(rejected.Message),
        _ => Problem(StatusCodes.Status400BadRequest, "Invalid request", rejected.Message, rejected.State),
    };

    private static IResult Problem(int status, string title, string detail, TaskLifecycleState? state = null) =>
        Results.Problem(
            detail: detail,
            statusCode: status,
            title: title,
            extensions: state is null ? null : new Dictionary<string, object?> { ["state"] = state.ToString() });
}
