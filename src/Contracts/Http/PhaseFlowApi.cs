namespace PhaseFlow.Contracts.Http;

/// <summary>The routes and defaults of PhaseFlow's HTTP API, shared by the server, the CLI and .NET clients.</summary>
public static class PhaseFlowApi
{
    /// <summary>The URL a node listens on, and the CLI talks to, unless told otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>The largest request body accepted, in bytes (1 MiB).</summary>
    public const int MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>The page size of <c>GET /tasks</c> when no <c>limit</c> is given.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>The largest <c>limit</c> of <c>GET /tasks</c>.</summary>
    public const int MaxPageSize = 500;

    /// <summary><c>POST</c> submits, <c>GET</c> lists.</summary>
    public const string Tasks = "/tasks";

    /// <summary>The content type of error responses.</summary>
    public const string ProblemContentType = "application/problem+json";

    /// <summary>The path of the health check.</summary>
    public const string Health = "/health";

    /// <summary>The cluster's members as the answering node sees them (<see cref="ClusterResource"/>).</summary>
    public const string Cluster = "/cluster";

    /// <summary>Phases completed per second on the answering node (<see cref="ThroughputResource"/>); <c>?seconds=</c> 1 to 600, 300 by default.</summary>
    public const string Throughput = "/throughput";

    /// <summary>The path of one task.</summary>
    /// <param name="id">The task's id.</param>
    /// <returns>The path, with the id escaped.</returns>
    public static string Task(string id) => $"{Tasks}/{Uri.EscapeDataString(id)}";

    /// <summary>The path that cancels a task.</summary>
    /// <param name="id">The task's id.</param>
    /// <returns>The path.</returns>
    public static string Cancel(string id) => $"{Task(id)}/cancel";

    /// <summary>The path that retries a failed revert.</summary>
    /// <param name="id">The task's id.</param>
    /// <returns>The path.</returns>
    public static string RetryRevert(string id) => $"{Task(id)}/retry-revert";

    /// <summary>The path that resumes a suspended task.</summary>
    /// <param name="id">The task's id.</param>
    /// <returns>The path.</returns>
    public static string Resume(string id) => $"{Task(id)}/resume";

    /// <summary>The path that delivers a named signal to a task (the body is the payload).</summary>
    /// <param name="id">The task's id.</param>
    /// <param name="name">The signal's name.</param>
    /// <param name="signalId">An id that makes the delivery idempotent, or <see langword="null"/>.</param>
    /// <returns>The path.</returns>
    public static string Signal(string id, string name, string? signalId = null) =>
        $"{Task(id)}/signals/{Uri.EscapeDataString(name)}" + (signalId is null ? string.Empty : $"?signalId={Uri.EscapeDataString(signalId)}");

    /// <summary>The path of a task's server-sent event stream.</summary>
    /// <param name="id">The task's id.</param>
    /// <returns>The path.</returns>
    public static string Events(string id) => $"{Task(id)}/events";
}
