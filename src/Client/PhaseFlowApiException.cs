using System.Net;

namespace PhaseFlow.Client;

/// <summary>
/// A call to PhaseFlow's HTTP API that did not succeed: either the server answered with an error
/// (<see cref="StatusCode"/> is set, and <see cref="Detail"/> carries the problem's <c>detail</c>) or it could not be
/// reached at all (<see cref="StatusCode"/> is <see langword="null"/>).
/// </summary>
public sealed class PhaseFlowApiException : Exception
{
    /// <summary>Creates an exception with a message only (no response was received).</summary>
    public PhaseFlowApiException()
        : this("the PhaseFlow API call failed")
    {
    }

    /// <summary>Creates an exception with a message only (no response was received).</summary>
    /// <param name="message">What went wrong, written for an operator.</param>
    public PhaseFlowApiException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception for a failure that produced no response, such as a refused connection.</summary>
    /// <param name="message">What went wrong, written for an operator.</param>
    /// <param name="innerException">The transport's exception.</param>
    public PhaseFlowApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for an error response.</summary>
    /// <param name="message">What went wrong, written for an operator (usually the problem's detail).</param>
    /// <param name="statusCode">The response's status code.</param>
    /// <param name="problemType">The problem's <c>type</c>, if the body was problem details.</param>
    /// <param name="title">The problem's <c>title</c>.</param>
    /// <param name="detail">The problem's <c>detail</c>.</param>
    public PhaseFlowApiException(string message, HttpStatusCode statusCode, string? problemType, string? title, string? detail)
        : base(message)
    {
        StatusCode = statusCode;
        ProblemType = problemType;
        Title = title;
        Detail = detail;
    }

    /// <summary>Gets the response's status code; <see langword="null"/> when no response was received.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Gets the problem's <c>type</c> URI, when the server sent problem details.</summary>
    public string? ProblemType { get; }

    /// <summary>Gets the problem's <c>title</c>, when the server sent problem details.</summary>
    public string? Title { get; }

    /// <summary>Gets the problem's <c>detail</c>, when the server sent problem details.</summary>
    public string? Detail { get; }

    /// <summary>
    /// Gets a value indicating whether trying again later may succeed: no response was received (the connection was
    /// refused or broke), the server answered 5xx (for example 503 while a node starts) or 429 (a node at one of
    /// its limits: tasks running, requests per second).
    /// </summary>
    public bool IsTransient => StatusCode is null || StatusCode == HttpStatusCode.TooManyRequests || (int)StatusCode.Value >= 500;
}
