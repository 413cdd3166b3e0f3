using System.ComponentModel;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PhaseFlow.Host.Cli;

/// <summary>The settings of <c>phaseflow list</c>.</summary>
internal sealed class ListSettings : ServerSettings
{
    [CommandOption("--state <STATE>")]
    [Description("Only tasks in this state: Pending, Running, Succeeded, Suspended, Reverting, Reverted or RevertFailed.")]
    public TaskLifecycleState? State { get; init; }

    [CommandOption("--type <TYPE>")]
    [Description("Only tasks of this type.")]
    public string? Type { get; init; }

    [CommandOption("--limit <N>")]
    [Description("The page size, 1 to 500. Default: 50.")]
    public int? Limit { get; init; }

    [CommandOption("--after <CURSOR>")]
    [Description("Start after this cursor: the one a previous page printed.")]
    public string? After { get; init; }

    [CommandOption("--all")]
    [Description("Follow the pages to the end instead of stopping after one.")]
    public bool All { get; init; }

    /// <inheritdoc/>
    public override ValidationResult Validate() =>
        Limit is < 1 or > PhaseFlowApi.MaxPageSize
            ? ValidationResult.Error($"--limit must be between 1 and {PhaseFlowApi.MaxPageSize}")
            : ValidationResult.Success();
}
