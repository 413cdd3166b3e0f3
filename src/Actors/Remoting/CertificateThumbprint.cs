using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PhaseFlow.Actors.Remoting;

/// <summary>
/// The SHA-256 thumbprint by which PhaseFlow names a certificate: 64 upper-case hex digits, the same digits
/// <c>openssl x509 -noout -fingerprint -sha256</c> prints (there with colons between the bytes).
/// </summary>
public static class CertificateThumbprint
{
    /// <summary>Gets the SHA-256 thumbprint of a certificate.</summary>
    /// <param name="certificate">The certificate.</param>
    /// <returns>64 upper-case hex digits.</returns>
    public static string Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }

    /// <summary>Reads a SHA-256 thumbprint written by hand: colons, spaces and case are ignored.</summary>
    /// <param name="text">For example <c>AB:CD:…</c> (openssl) or <c>abcd…</c>.</param>
    /// <param name="thumbprint">The thumbprint as <see cref="Of"/> writes it; empty when the text is not one.</param>
    /// <returns>Whether the text is a SHA-256 thumbprint (64 hex digits once separators are removed).</returns>
    public static bool TryParse(string? text, out string thumbprint)
    {
        var digits = new string((text ?? string.Empty).Where(c => c is not (':' or ' ')).ToArray()).ToUpperInvariant();
        var valid = digits.Length == 64 && digits.All(char.IsAsciiHexDigit);
        thumbprint = valid ? digits : string.Empty;
        return valid;
    }
}
