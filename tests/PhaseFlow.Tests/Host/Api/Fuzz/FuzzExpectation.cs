namespace PhaseFlow.Tests.Host.Api.Fuzz;

/// <summary>What the generator knows a request's answer must be (before the credential is considered).</summary>
public enum FuzzExpectation
{
    /// <summary>2xx or 4xx, depending on the node's state (a pool id may be in use, a command may not fit the task's state).</summary>
    Any,

    /// <summary>A 4xx: the request breaks a documented rule (bad id, body, query, header, path or method).</summary>
    Rejected,

    /// <summary>A 2xx: a valid request whose answer cannot depend on the node's state (a fresh submission, the health check).</summary>
    Accepted,
}
