using System.ComponentModel;
using System.Globalization;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PhaseFlow.Host.Cli;

/// <summary>The settings of <c>phaseflow list</c>.</summary>
/// <remarks>
/// <c>--state</c> and <c>--limit</c> are taken as text and checked here, so a mistake is told in the flag's terms
/// (the allowed states, the allowed range) rather than by Spectre's conversion message, which names .NET types.
/// </remarks>
internal sealed class ListSettings : ServerSettings
{
    [CommandOption("--state <STATE>")]
    [Description("Only tasks in this state: Pending, Running, Succeeded, Suspended, Reverting, Reverted or RevertFailed.")]
    public string? StateText { get; init; }

    [CommandOption("--type <TYPE>")]
    [Description("Only tasks of this type.")]
    public string? Type { get; init; }

    [CommandOption("--parent <ID>")]
    [Description("Only the child tasks of this task.")]
    public string? Parent { get; init; }

    [CommandOption("--limit <N>")]
    [Description("The page size, 1 to 500. Default: 50.")]
    public string? LimitText { get; init; }

    [CommandOption("--after <CURSOR>")]
    [Description("Start after this cursor: the one a previous page printed.")]
    public string? After { get; init; }

    [CommandOption("--all")]
    [Description("Follow the pages to the end instead of stopping after one.")]
    public bool All { get; init; }

    /// <summary>Gets the state to filter by, once <see cref="Validate"/> accepted <see cref="StateText"/>.</summary>
    public TaskLifecycleState? State => StateText is null ? null : Enum.Parse<TaskLifecycleState>(StateText.Trim(), ignoreCase: true);

    /// <summary>Gets the page size, once <see cref="Validate"/> accepted <see cref="LimitText"/>.</summary>
    public int? Limit => LimitText is null ? null : int.Parse(LimitText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override ValidationResult Validate()
    {
        // Names only: Enum.TryParse alone would take "3" or "Running,Reverted" too.
        if (StateText is not null && !Enum.GetNames<TaskLifecycleState>().Contains(StateText.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            return ValidationResult.Error($"--state '{StateText}' is not a task state; use one of {string.Join(", ", Enum.GetNames<TaskLifecycleState>())}");
        }

        if (Parent is not null && !TaskIds.IsValid(Parent))
        {
            return ValidationResult.Error($"--parent: {TaskIds.Explain(Parent)}");
        }

        if (LimitText is not null
            && (!int.TryParse(LimitText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit is < 1 or > PhaseFlowApi.MaxPageSize))
        {
            return ValidationResult.Error($"--limit must be a whole number from 1 to {PhaseFlowApi.MaxPageSize}; it is '{LimitText}'");
        }

        return ValidationResult.Success();
    }
}
