using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PhaseFlow.Host.Cli;

/// <summary>The settings of <c>phaseflow watch</c>.</summary>
internal sealed class WatchSettings : FollowSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("The task's id.")]
    public string Id { get; init; } = string.Empty;

    /// <inheritdoc/>
    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Id) ? ValidationResult.Error("the task id must not be blank") : ValidationResult.Success();
}
