using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PhaseFlow.Actors.Remoting;

/// <summary>
/// Opens the PKCS#12 file given with <c>--tls-certificate</c> and checks that a node can use it for TLS: it opens
/// with the password given, holds a private key, and is within its validity period.
/// </summary>
/// <remarks>Every message names the flag and never the password, and none carries an exception's type or stack.</remarks>
internal static class NodeCertificateFile
{
    public const string Flag = "--tls-certificate";
    public const string PasswordFlag = "--tls-password";
    public const string PasswordVariable = "PHASEFLOW_TLS_PASSWORD";

    /// <summary>Opens and checks the file.</summary>
    /// <param name="path">The PKCS#12 file.</param>
    /// <param name="password">Its password; <see langword="null"/> for none.</param>
    /// <param name="now">The time the validity period is checked against.</param>
    /// <param name="certificate">The certificate with its private key; <see langword="null"/> when there is a problem.</param>
    /// <returns>What is wrong, in one line; <see langword="null"/> when the certificate can be used.</returns>
    public static string? TryLoad(string path, string? password, DateTimeOffset now, out X509Certificate2? certificate)
    {
        certificate = null;
        if (string.IsNullOrWhiteSpace(path))
        {
            return $"{Flag} is empty; give the path of a PKCS#12 (.pfx/.p12) file holding the cluster's certificate and its private key.";
        }

        if (!File.Exists(path))
        {
            return $"{Flag}: the file '{path}' does not exist (full path {Path.GetFullPath(path)}).";
        }

        X509Certificate2 loaded;
        try
        {
            loaded = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (CryptographicException)
        {
            return IsPkcs12(path)
                ? $"{Flag}: '{path}' cannot be opened with the password given ({PasswordFlag} or {PasswordVariable}); check the password."
                : $"{Flag}: '{path}' is not a PKCS#12 (.pfx/.p12) file; convert a PEM certificate and key with: openssl pkcs12 -export -in cert.pem -inkey key.pem -out node.pfx";
        }
        catch (UnauthorizedAccessException)
        {
            return $"{Flag}: '{path}' cannot be read by this process; check the file's permissions.";
        }

        var problem = Problem(loaded, path, now);
        if (problem is not null)
        {
            loaded.Dispose();
            return problem;
        }

        certificate = loaded;
        return null;
    }

    private static string? Problem(X509Certificate2 certificate, string path, DateTimeOffset now)
    {
        if (!certificate.HasPrivateKey)
        {
            return $"{Flag}: the certificate in '{path}' ({certificate.Subject}) has no private key; export the certificate together with its key (openssl pkcs12 -export -in cert.pem -inkey key.pem ...).";
        }

        var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime());
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
        if (now < notBefore)
        {
            return $"{Flag}: the certificate in '{path}' ({certificate.Subject}) is not valid before {notBefore:u}; check the clock or use a certificate that is valid now.";
        }

        if (now > notAfter)
        {
            return $"{Flag}: the certificate in '{path}' ({certificate.Subject}) expired on {notAfter:u}; give the cluster a new certificate.";
        }

        return null;
    }

    private static bool IsPkcs12(string path)
    {
        try
        {
            return X509Certificate2.GetCertContentType(path) == X509ContentType.Pkcs12;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
