using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PhaseFlow.Host.Cli;

/// <summary>The settings of the verbs that act on one task by id.</summary>
internal sealed class TaskIdSettings : ServerSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("The task's id.")]
    public string Id { get; init; } = string.Empty;

    /// <inheritdoc/>
    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Id) ? ValidationResult.Error("the task id must not be blank") : ValidationResult.Success();
}
