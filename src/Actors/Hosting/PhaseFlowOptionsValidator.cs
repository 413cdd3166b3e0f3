using System.ComponentModel.DataAnnotations;
using Akka.Actor;
using Microsoft.Extensions.Options;

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

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
