using System.ComponentModel.DataAnnotations;
using Akka.Actor;
using Microsoft.Extensions.Options;
using Npgsql;
using PhaseFlow.Actors.Remoting;

namespace PhaseFlow.Actors.Hosting;

/// <summary>Checks <see cref="PhaseFlowOptions"/> at start-up and reports every problem at once, each saying what is allowed.</summary>
public sealed class PhaseFlowOptionsValidator : IValidateOptions<PhaseFlowOptions>
{
    private readonly TimeProvider _time;

    /// <summary>Initializes a validator that checks certificate validity against the system clock.</summary>
    public PhaseFlowOptionsValidator()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Initializes a validator.</summary>
    /// <param name="time">The clock a TLS certificate's validity period is checked against.</param>
    public PhaseFlowOptionsValidator(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, PhaseFlowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        var problems = results.Select(r => r.ErrorMessage ?? "invalid value").ToList();
        var tls = options.TlsCertificatePath is not null;
        var scheme = AkkaScheme.For(tls);
        foreach (var seed in options.SeedNodes)
        {
            if (!Address.TryParse(seed, out var address) || address.Host is null || address.Port is null)
            {
                problems.Add($"Seed node '{seed}' is not an Akka address; write it as {scheme}://{PhaseFlowDefaults.ActorSystemName}@HOST:PORT.");
            }
            else if (address.System != PhaseFlowDefaults.ActorSystemName)
            {
                problems.Add($"Seed node '{seed}' names actor system '{address.System}'; PhaseFlow's actor system is '{PhaseFlowDefaults.ActorSystemName}'.");
            }
            else if (address.Protocol != scheme)
            {
                problems.Add(tls
                    ? $"Seed node '{seed}' uses {address.Protocol}://, but node-to-node TLS is on (--tls-certificate), so every node's address is {scheme}://; write it as {scheme}://{PhaseFlowDefaults.ActorSystemName}@{address.Host}:{address.Port}."
                    : address.Protocol == AkkaScheme.Tls
                        ? $"Seed node '{seed}' uses {address.Protocol}:// (TLS), but this node has no --tls-certificate; give it the cluster's certificate, or write the seed as {scheme}://{PhaseFlowDefaults.ActorSystemName}@{address.Host}:{address.Port} for a cluster without TLS."
                        : $"Seed node '{seed}' uses {address.Protocol}://; write it as {scheme}://{PhaseFlowDefaults.ActorSystemName}@{address.Host}:{address.Port}.");
            }
        }

        problems.AddRange(TlsProblems(options));

        if (options.PostgresConnectionString is { } postgres)
        {
            problems.AddRange(PostgresProblems(postgres));
        }

        foreach (var role in options.Roles.Where(r => !IsRoleName(r)))
        {
            problems.Add($"Role '{role}' is not a valid role name; use letters, digits, '-' and '_' only.");
        }

        if (options.TaskRole is { } taskRole && !IsRoleName(taskRole))
        {
            problems.Add($"TaskRole '{taskRole}' is not a valid role name; use letters, digits, '-' and '_' only.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private IEnumerable<string> TlsProblems(PhaseFlowOptions options)
    {
        if (options.TlsCertificatePath is not { } path)
        {
            if (options.TlsCertificatePassword is not null)
            {
                yield return "--tls-password (PHASEFLOW_TLS_PASSWORD) is set but --tls-certificate is not; give the certificate file too, or remove the password.";
            }

            if (options.TlsPeerThumbprints.Count > 0)
            {
                yield return "--tls-peer-thumbprints is set but --tls-certificate is not; peer certificates are only checked with node-to-node TLS on.";
            }

            yield break;
        }

        var problem = NodeCertificateFile.TryLoad(path, options.TlsCertificatePassword, _time.GetUtcNow(), out var certificate);
        certificate?.Dispose();
        if (problem is not null)
        {
            yield return problem;
        }

        foreach (var thumbprint in options.TlsPeerThumbprints.Where(t => !CertificateThumbprint.TryParse(t, out _)))
        {
            yield return $"--tls-peer-thumbprints: '{thumbprint}' is not a SHA-256 thumbprint; give 64 hex digits (colons allowed), as printed by: openssl x509 -in cert.pem -noout -fingerprint -sha256";
        }
    }

    private static IEnumerable<string> PostgresProblems(string connectionString)
    {
        const string Example = "for example Host=127.0.0.1;Port=5432;Database=phaseflow;Username=phaseflow;Password=secret";
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            yield return $"PostgresConnectionString is empty; give an Npgsql connection string ({Example}), or leave it out to use SQLite.";
            yield break;
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            builder = null!;
        }

        if (builder is null)
        {
            yield return $"PostgresConnectionString is not an Npgsql connection string ({Example}).";
        }
        else if (string.IsNullOrWhiteSpace(builder.Host))
        {
            yield return $"PostgresConnectionString names no Host ({Example}).";
        }
    }

    // Roles travel in gossip and HOCON lists; keep them plain.
    private static bool IsRoleName(string role) =>
        role.Length > 0 && role.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
