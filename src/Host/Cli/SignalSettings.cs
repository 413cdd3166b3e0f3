using System.ComponentModel;
using PhaseFlow.Contracts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PhaseFlow.Host.Cli;

/// <summary>The settings of <c>phaseflow signal ID NAME</c>.</summary>
internal sealed class SignalSettings : ServerSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("The task's id.")]
    public string Id { get; init; } = string.Empty;

    [CommandArgument(1, "<NAME>")]
    [Description("The signal's name: letters, digits, '.', '_' and '-'.")]
    public string Name { get; init; } = string.Empty;

    [CommandOption("-p|--payload <JSON>")]
    [Description("The signal's payload: any JSON value, or @FILE to read it from a file. Default: none.")]
    public string? Payload { get; init; }

    [CommandOption("--signal-id <ID>")]
    [Description("An id for this signal: sending it again with the same id changes nothing. Default: none.")]
    public string? SignalId { get; init; }

    /// <inheritdoc/>
    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Id))
        {
            return ValidationResult.Error("the task id must not be blank");
        }

        if (!SignalNames.IsValid(Name))
        {
            return ValidationResult.Error(SignalNames.Explain("signal name", Name));
        }

        return SignalId is not null && !SignalNames.IsValid(SignalId)
            ? ValidationResult.Error(SignalNames.Explain("signal id", SignalId))
            : ValidationResult.Success();
    }
}
