namespace PhaseFlow.Tests.Host.Api.Fuzz;

/// <summary>Which <c>Authorization</c> header a generated request carries.</summary>
public enum FuzzCredential
{
    /// <summary>No <c>Authorization</c> header.</summary>
    None,

    /// <summary><c>Bearer</c> with a key that may do everything.</summary>
    WriteKey,

    /// <summary><c>Bearer</c> with a key that may only read.</summary>
    ReadKey,

    /// <summary><c>Bearer</c> with a key the node does not know.</summary>
    WrongKey,

    /// <summary>An <c>Authorization</c> header that is not a bearer token at all (another scheme, no token, garbage).</summary>
    Malformed,
}
