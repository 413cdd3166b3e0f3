namespace PhaseFlow.Tests.Host.Api.Fuzz;

/// <summary>The routes a generated request is aimed at, as the run's summary names them.</summary>
public static class FuzzRoutes
{
    public const string Submit = "POST /tasks";
    public const string List = "GET /tasks";
    public const string Get = "GET /tasks/{id}";
    public const string Cancel = "POST /tasks/{id}/cancel";
    public const string RetryRevert = "POST /tasks/{id}/retry-revert";
    public const string Resume = "POST /tasks/{id}/resume";
    public const string Events = "GET /tasks/{id}/events";
    public const string Health = "GET /health";

    /// <summary>The dashboard's page: open to all like <see cref="Health"/> (it holds no data).</summary>
    public const string Dashboard = "GET /";

    /// <summary>A path or method the API does not have: near-misses, random segments, <c>..</c>, other methods on real paths.</summary>
    public const string Other = "other";

    /// <summary>Gets a value indicating whether a request aimed at <paramref name="route"/> asks to change something (a write key is needed).</summary>
    /// <param name="route">One of the constants.</param>
    /// <returns><see langword="true"/> for the <c>POST</c> routes.</returns>
    public static bool Changes(string route) => route is Submit or Cancel or RetryRevert or Resume;
}
