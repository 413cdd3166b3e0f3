namespace PhaseFlow.Host.Security;

/// <summary>
/// Who may use the node's HTTP API and reach its cluster port; bound from the <c>PhaseFlow</c> section like
/// <see cref="PhaseFlow.Host.Node.NodeOptions"/>.
/// </summary>
internal sealed class ApiAccessOptions
{
    /// <summary>The shortest key accepted: shorter keys can be guessed.</summary>
    public const int MinKeyLength = 16;

    /// <summary>Gets or sets the keys that may do everything (<c>Authorization: Bearer KEY</c>).</summary>
    /// <value>The default value is empty: when no key of either kind is set, the API asks for none.</value>
    public IList<string> ApiKeys { get; set; } = [];

    /// <summary>Gets or sets the keys that may only read: <c>GET</c> routes and event streams.</summary>
    /// <value>The default value is empty.</value>
    public IList<string> ApiReadKeys { get; set; } = [];

    /// <summary>Gets or sets a value indicating whether the API may listen beyond loopback without keys.</summary>
    /// <value>The default value is <see langword="false"/>: such a node refuses to start.</value>
    public bool AllowAnonymous { get; set; }

    /// <summary>Gets or sets a value indicating whether the cluster port may listen beyond loopback without TLS.</summary>
    /// <value>The default value is <see langword="false"/>: such a node refuses to start.</value>
    public bool AllowPlaintextCluster { get; set; }

    /// <summary>Gets a value indicating whether the API asks every caller for a key.</summary>
    public bool RequiresKeys => ApiKeys.Count > 0 || ApiReadKeys.Count > 0;

    /// <summary>Lists what is wrong with the keys. The messages never contain a key.</summary>
    /// <returns>One message per problem; empty when the options are valid.</returns>
    public IEnumerable<string> Problems()
    {
        foreach (var (keys, flag) in new[] { (ApiKeys, "--api-key"), (ApiReadKeys, "--api-read-key") })
        {
            for (var i = 0; i < keys.Count; i++)
            {
                if (Explain(keys[i]) is { } problem)
                {
                    yield return $"{flag}: key {i + 1} {problem}.";
                }
            }
        }

        if (ApiKeys.Intersect(ApiReadKeys, StringComparer.Ordinal).Any())
        {
            yield return "--api-read-key: a key is given both as a full key (--api-key) and as a read key; give each key once.";
        }
    }

    private static string? Explain(string key)
    {
        if (key.Length < MinKeyLength)
        {
            return $"has {key.Length} characters; API keys need at least {MinKeyLength} (for example from: openssl rand -hex 24)";
        }

        // A key travels in an HTTP header and in comma-separated lists: visible ASCII without commas.
        return key.All(c => c is > ' ' and <= '~' and not ',')
            ? null
            : "may only contain visible ASCII characters other than ',' (letters, digits, punctuation; no spaces)";
    }
}
