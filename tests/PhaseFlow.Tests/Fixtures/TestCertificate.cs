using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// A self-signed certificate made by the test with <see cref="CertificateRequest"/>, the kind a cluster shares for
/// node-to-node TLS; <see cref="WritePkcs12"/> writes it as a password-protected PKCS#12 file.
/// </summary>
public static class TestCertificate
{
    /// <summary>Creates a certificate with its private key, valid from <paramref name="notBefore"/> to <paramref name="notAfter"/> (by default from a day ago for a year).</summary>
    /// <param name="name">The common name, to tell certificates apart in messages.</param>
    /// <param name="notBefore">The start of the validity period.</param>
    /// <param name="notAfter">The end of the validity period.</param>
    public static X509Certificate2 Create(string name, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));

        // Each node is a TLS server to the nodes that dial it and a client to the nodes it dials.
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        var from = notBefore ?? DateTimeOffset.UtcNow.AddDays(-1);
        return request.CreateSelfSigned(from, notAfter ?? from.AddYears(1));
    }

    /// <summary>Writes a certificate and its private key as a PKCS#12 file.</summary>
    /// <param name="certificate">The certificate.</param>
    /// <param name="path">The file to write.</param>
    /// <param name="password">The file's password.</param>
    /// <returns><paramref name="path"/>.</returns>
    public static string WritePkcs12(X509Certificate2 certificate, string path, string password)
    {
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }

    /// <summary>Writes only the certificate, without its private key, as a PKCS#12 file.</summary>
    public static string WritePkcs12WithoutKey(X509Certificate2 certificate, string path, string password)
    {
        using var publicOnly = X509CertificateLoader.LoadCertificate(certificate.RawData);
        File.WriteAllBytes(path, new X509Certificate2Collection(publicOnly).Export(X509ContentType.Pkcs12, password)!);
        return path;
    }
}
