using System.ComponentModel.DataAnnotations;
using Akka.Actor;
using Microsoft.Extensions.Options;
using Npgsql;

namespace PhaseFlow.Actors.Hosting;

/// <summary>Checks <see cref="PhaseFlowOptions"/> at start-up and reports every problem at once, each saying what is allowed.</summary>
public sealed class PhaseFlowOptionsValidator : IValidateOptions<PhaseFlowOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, PhaseFlowOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        var problems = results.Select(r => r.ErrorMessage ?? "invalid value").ToList();
        foreach (var seed in options.SeedNodes)
        {
            if (!Address.TryParse(seed, out var address) || address.Host is null || address.Port is null)
            {
                problems.Add($"Seed node '{seed}' is not an Akka address; write it as akka.tcp://{PhaseFlowDefaults.ActorSystemName}@HOST:PORT.");
            }
            else if (address.System != PhaseFlowDefaults.ActorSystemName)
            {
                problems.Add($"Seed node '{seed}' names actor system '{address.System}'; PhaseFlow's actor system is '{PhaseFlowDefaults.ActorSystemName}'.");
            }
        }

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
