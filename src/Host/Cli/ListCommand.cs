using System.Globalization;
using PhaseFlow.Client;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using Spectre.Console;

namespace PhaseFlow.Host.Cli;

/// <summary><c>phaseflow list</c>: tasks (or, with <c>--parent</c>, one task's children), newest first, one page or (with <c>--all</c>) every page.</summary>
/// <param name="environment">The consoles, variables and clock.</param>
internal sealed class ListCommand(CliEnvironment environment) : ApiCommand<ListSettings>(environment)
{
    /// <inheritdoc/>
    protected override async Task<int> RunAsync(PhaseFlowHttpClient client, ListSettings settings, CancellationToken cancellationToken)
    {
        var items = new List<TaskListItem>();
        var after = settings.After;
        TaskListPage page;
        do
        {
            page = settings.Parent is { } parent
                ? await client.ListChildrenAsync(parent, settings.State, settings.Type, settings.Limit, after, cancellationToken).ConfigureAwait(false)
                : await client.ListAsync(settings.State, settings.Type, settings.Limit, after, cancellationToken).ConfigureAwait(false);
            items.AddRange(page.Items);
            after = page.Next;
        }
        while (settings.All && page.Next is not null);

        if (items.Count == 0)
        {
            Environment.Out.WriteLine(settings.Parent is null ? "no tasks" : $"task {settings.Parent} has no child tasks (or no task has that id)");
        }
        else
        {
            var table = CliTables.Create(Environment, "id", "type", "state", "phase", "created", "updated");
            foreach (var item in items)
            {
                table.AddRow(
                    new Text(item.Id),
                    new Text(item.Type),
                    new Text(item.State.ToString()),
                    new Text(Phase(item)),
                    new Text(CliText.Time(item.CreatedAt)),
                    new Text(CliText.Time(item.UpdatedAt)));
            }

            Environment.Out.Write(table);
        }

        if (page.Next is not null)
        {
            Environment.Out.WriteLine($"more: {NextPageCommand(settings, page.Next)}");
        }

        return CliExitCode.Success;
    }

    // A finished task has no current phase; a reverted one's completed phases are undone, and the column says so.
    private static string Phase(TaskListItem item) => item switch
    {
        { State: TaskLifecycleState.Reverted } => string.Create(CultureInfo.InvariantCulture, $"- ({item.PhasesCompleted} done, undone)"),
        { State: TaskLifecycleState.Succeeded } => string.Create(CultureInfo.InvariantCulture, $"- ({item.PhasesCompleted} done)"),
        { CurrentPhase: { } current } => string.Create(CultureInfo.InvariantCulture, $"{current + 1} ({item.PhasesCompleted} done)"),
        _ => string.Create(CultureInfo.InvariantCulture, $"- ({item.PhasesCompleted} done)"),
    };

    private static string NextPageCommand(ListSettings settings, string next)
    {
        var words = new List<string> { "phaseflow", "list" };
        if (settings.Server is not null)
        {
            words.AddRange(["--server", settings.Server]);
        }

        if (settings.State is not null)
        {
            words.AddRange(["--state", settings.State.Value.ToString()]);
        }

        if (settings.Type is not null)
        {
            words.AddRange(["--type", settings.Type]);
        }

        if (settings.Parent is not null)
        {
            words.AddRange(["--parent", settings.Parent]);
        }

        if (settings.Limit is not null)
        {
            words.AddRange(["--limit", settings.Limit.Value.ToString(CultureInfo.InvariantCulture)]);
        }

        words.AddRange(["--after", next]);
        return string.Join(' ', words.Select(Quote));
    }

    // The hint is meant to be pasted into a shell, so anything beyond plain word characters is single-quoted.
    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or '=')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
