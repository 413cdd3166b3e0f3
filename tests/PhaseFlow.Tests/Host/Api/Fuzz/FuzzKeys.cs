namespace PhaseFlow.Tests.Host.Api.Fuzz;

/// <summary>
/// The API keys the fuzzed node runs with, and what a request's credential must get: the one place the fuzzer's
/// idea of authorisation lives. <see cref="None"/> is a node without keys, which ignores <c>Authorization</c>.
/// </summary>
/// <param name="WriteKey">The key given with <c>--api-key</c>, or <see langword="null"/>.</param>
/// <param name="ReadKey">The key given with <c>--api-read-key</c>, or <see langword="null"/>.</param>
public sealed record FuzzKeys(string? WriteKey, string? ReadKey)
{
    /// <summary>A node without API keys: every request is anonymous and allowed.</summary>
    public static readonly FuzzKeys None = new(null, null);

    private static readonly string[] WrongKeys = ["wrong-key-0123456789", "x", "WRONG-KEY-ABCDEFGHIJ-KLMNOP", "0000000000000000"];

    private static readonly string[] MalformedHeaders = ["Basic dXNlcjpwYXNzd29yZA==", "Bearer", "Bearer ", "Token abcdefghijklmnop", "garbage", "Bearer a b c d"];

    /// <summary>Gets a value indicating whether the node checks keys.</summary>
    public bool Enforced => WriteKey is not null || ReadKey is not null;

    /// <summary>The credentials worth generating against this node, with their weights.</summary>
    /// <returns>
    /// Every kind when keys are enforced, the right key most often so most requests reach the routes; otherwise the
    /// ones a keyless node must ignore.
    /// </returns>
    public (int Weight, FuzzCredential Credential)[] Credentials() => Enforced
        ? [(5, FuzzCredential.WriteKey), (2, FuzzCredential.ReadKey), (1, FuzzCredential.None), (1, FuzzCredential.WrongKey), (1, FuzzCredential.Malformed)]
        : [(1, FuzzCredential.None), (1, FuzzCredential.WrongKey), (1, FuzzCredential.Malformed)];

    /// <summary>The <c>Authorization</c> header value for a credential, or <see langword="null"/> for none.</summary>
    /// <param name="credential">The credential.</param>
    /// <param name="variant">Picks the wrong key or the malformed header (any number; generated).</param>
    /// <returns>The header value.</returns>
    public string? HeaderFor(FuzzCredential credential, int variant) => credential switch
    {
        FuzzCredential.WriteKey => $"Bearer {WriteKey}",
        FuzzCredential.ReadKey => $"Bearer {ReadKey}",
        FuzzCredential.WrongKey => $"Bearer {WrongKeys[Math.Abs(variant % WrongKeys.Length)]}",
        FuzzCredential.Malformed => MalformedHeaders[Math.Abs(variant % MalformedHeaders.Length)],
        _ => null,
    };

    /// <summary>
    /// The status the node must answer because of the credential alone, or <see langword="null"/> when the credential
    /// lets the request through (it is then answered on its merits).
    /// </summary>
    /// <param name="request">The request.</param>
    /// <returns>401, 403, or <see langword="null"/>.</returns>
    public int? ExpectedRejection(FuzzRequest request)
    {
        if (!Enforced || request.Route == FuzzRoutes.Health || request.Route == FuzzRoutes.Dashboard || request.Route == FuzzRoutes.Other)
        {
            // /health and the dashboard's page are open to all; a path or method the API does not have may be refused for the key or as unknown (checked elsewhere).
            return null;
        }

        return request.Credential switch
        {
            FuzzCredential.WriteKey => null,
            FuzzCredential.ReadKey when WriteKey is not null && FuzzRoutes.Changes(request.Route) => 403,
            FuzzCredential.ReadKey => null,
            _ => 401,
        };
    }
}
