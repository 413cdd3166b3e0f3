using System.Security.Cryptography;
using System.Text;

namespace PhaseFlow.Host.Security;

/// <summary>The node's API keys, and what a presented key may do.</summary>
/// <remarks>
/// Keys are kept as SHA-256 digests and every digest is compared in constant time, all of them every time, so neither
/// the length of a key nor how much of it matched shows in how long an answer takes. No key is ever written to a log.
/// </remarks>
internal sealed class ApiKeyRing
{
    private readonly byte[][] _full;
    private readonly byte[][] _readOnly;

    /// <summary>Initializes the ring.</summary>
    /// <param name="options">The configured keys (validated).</param>
    public ApiKeyRing(ApiAccessOptions options)
    {
        _full = options.ApiKeys.Select(Digest).ToArray();
        _readOnly = options.ApiReadKeys.Select(Digest).ToArray();
    }

    /// <summary>What a key may do.</summary>
    public enum Access
    {
        /// <summary>Not a key of this node.</summary>
        None,

        /// <summary>Only <c>GET</c> routes and event streams.</summary>
        Read,

        /// <summary>Everything.</summary>
        Full,
    }

    /// <summary>Gets a value indicating whether the API asks for a key at all.</summary>
    public bool IsEnabled => _full.Length + _readOnly.Length > 0;

    /// <summary>Tells what a presented key may do.</summary>
    /// <param name="presented">The key from the request.</param>
    /// <returns>Its access.</returns>
    public Access Check(string presented)
    {
        var digest = Digest(presented);
        var full = Matches(_full, digest);
        var read = Matches(_readOnly, digest);
        return full ? Access.Full : read ? Access.Read : Access.None;
    }

    private static bool Matches(byte[][] keys, byte[] digest)
    {
        var found = false;
        foreach (var key in keys)
        {
            // No early exit: the time taken does not tell which key, or whether one, matched.
            found |= CryptographicOperations.FixedTimeEquals(key, digest);
        }

        return found;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
