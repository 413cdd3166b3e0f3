using System.Globalization;
using PhaseFlow.Client;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace PhaseFlow.Host.Cli;

/// <summary>
/// Shows a task until it finishes: a live view on a terminal, or one plain line per change when the output is a
/// file or pipe (<c>phase 2/5 step-2 Completed</c>, <c>children 3 (1 succeeded, 2 not finished)</c>, <c>state Succeeded</c>).
/// </summary>
/// <param name="client">The node's API.</param>
/// <param name="environment">The consoles, clock and back-off delays.</param>
/// <param name="reconnectFor">How long to keep reconnecting when the node stops answering.</param>
internal sealed class TaskWatcher(PhaseFlowHttpClient client, CliEnvironment environment, TimeSpan reconnectFor)
{
    // The live view redraws at least this often so the elapsed time keeps moving between changes.
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromSeconds(1);

    // Set by the change stream while the live view may be drawing on another thread; a drawing reads it once.
    private volatile ConnectionTrouble? trouble;

    /// <summary>Watches the task.</summary>
    /// <param name="id">The task's id.</param>
    /// <param name="cancellationToken">Stops watching (Ctrl-C).</param>
    /// <returns>
    /// <see cref="CliExitCode.Success"/> when the task ends Succeeded, <see cref="CliExitCode.TaskDidNotSucceed"/> when it
    /// ends Reverted, RevertFailed or Suspended, <see cref="CliExitCode.Failure"/> when there is no such task.
    /// </returns>
    /// <exception cref="PhaseFlowApiException">The server could not be reached, or the event stream was lost.</exception>
    public async Task<int> WatchAsync(string id, CancellationToken cancellationToken)
    {
        var task = await client.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            environment.WriteError($"no task has id {id}");
            return CliExitCode.Failure;
        }

        var picture = TaskPicture.From(task);
        if (environment.IsTerminal)
        {
            await ShowLiveAsync(picture, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await ShowPlainAsync(picture, cancellationToken).ConfigureAwait(false);
        }

        return picture.State == TaskLifecycleState.Succeeded ? CliExitCode.Success : CliExitCode.TaskDidNotSucceed;
    }

    private IAsyncEnumerable<TaskChange> Changes(TaskPicture picture, CancellationToken cancellationToken) =>
        new TaskChangeStream(client, environment, reconnectFor, OnTrouble).FollowAsync(picture.Id, picture.UpdatedAt, cancellationToken);

    private void OnTrouble(ConnectionTrouble? now)
    {
        // The live view shows the trouble in its caption; plain output says it once when it starts and once when it
        // ends, on standard error, so the lines a script reads from standard output stay the task's own.
        if (!environment.IsTerminal)
        {
            if (now is not null && trouble is null)
            {
                environment.Error.WriteLine(
                    $"reconnecting: the node stopped answering at {CliText.Time(now.Since)} ({now.Reason}); trying until {CliText.Time(now.GiveUpAt)}");
            }
            else if (now is null && trouble is not null)
            {
                environment.Error.WriteLine(
                    $"reconnected after {CliText.Duration(environment.Time.GetUtcNow() - trouble.Since)}");
            }
        }

        trouble = now;
    }

    private async Task ShowPlainAsync(TaskPicture picture, CancellationToken cancellationToken)
    {
        var output = environment.Out;
        output.WriteLine($"task {picture.Id} type {picture.Type} state {picture.State}");
        foreach (var phase in picture.Phases)
        {
            output.WriteLine(PhaseLine(picture, phase));
        }

        var lastChildrenLine = ChildrenLine(picture);
        if (lastChildrenLine is not null)
        {
            output.WriteLine(lastChildrenLine);
        }

        if (picture.IsFinished)
        {
            output.WriteLine(StateLine(picture));
            return;
        }

        // A change can alter the picture without altering its line (an attempt that failed with a retry due, seen again
        // after a reconnect): the last line of each phase and of the state is kept, so no line is printed twice in a row.
        var lastLines = picture.Phases.ToDictionary(p => p.Index, p => PhaseLine(picture, p));
        var lastStateLine = StateLine(picture);
        await foreach (var change in Changes(picture, cancellationToken).ConfigureAwait(false))
        {
            if (!picture.Apply(change))
            {
                continue;
            }

            if (change.Kind == TaskChangeKinds.Phase && change.PhaseIndex is { } index)
            {
                var line = PhaseLine(picture, picture.Phases.First(p => p.Index == index));
                if (lastLines.GetValueOrDefault(index) != line)
                {
                    lastLines[index] = line;
                    output.WriteLine(line);
                }
            }

            // A phase that starts children, and each child that finishes, changes the children's line.
            if (change.Kind is TaskChangeKinds.Phase or TaskChangeKinds.Awaited)
            {
                if (ChildrenLine(picture) is { } childrenLine && childrenLine != lastChildrenLine)
                {
                    lastChildrenLine = childrenLine;
                    output.WriteLine(childrenLine);
                }
            }
            else if (StateLine(picture) is var stateLine && stateLine != lastStateLine)
            {
                lastStateLine = stateLine;
                output.WriteLine(stateLine);
            }
        }
    }

    private async Task ShowLiveAsync(TaskPicture picture, CancellationToken cancellationToken)
    {
        await environment.Out.Live(Render(picture)).AutoClear(false).StartAsync(async live =>
        {
            if (picture.IsFinished)
            {
                return;
            }

            // The picture is only touched here, between awaits, so a redraw never races a change being applied.
            var changes = Changes(picture, cancellationToken).GetAsyncEnumerator(cancellationToken);
            await using (changes.ConfigureAwait(false))
            {
                var next = changes.MoveNextAsync().AsTask();
                while (true)
                {
                    using var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    var redraw = Task.Delay(RedrawInterval, environment.Time, tick.Token);
                    if (await Task.WhenAny(next, redraw).ConfigureAwait(false) == next)
                    {
                        await tick.CancelAsync().ConfigureAwait(false);
                        if (!await next.ConfigureAwait(false))
                        {
                            break;
                        }

                        picture.Apply(changes.Current);
                        next = changes.MoveNextAsync().AsTask();
                    }

                    live.UpdateTarget(Render(picture));
                }
            }

            live.UpdateTarget(Render(picture));
        }).ConfigureAwait(false);
    }

    private IRenderable Render(TaskPicture picture)
    {
        var elapsed = (picture.IsFinished ? picture.UpdatedAt : environment.Time.GetUtcNow()) - picture.CreatedAt;
        var headline = picture.Current is not { } current ? "no phase started"
            : picture.Total is { } total ? $"phase {current.Index + 1} of {total}"
            : $"phase {current.Index + 1}";
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title(new TableTitle($"{Markup.Escape(picture.Id)} ({Markup.Escape(picture.Type)}) — {StateMarkup(picture.State)} — {headline} — {CliText.Duration(elapsed)}"))
            .AddColumn("#")
            .AddColumn("phase")
            .AddColumn("state")
            .AddColumn("attempts")
            .AddColumn("error");
        foreach (var phase in picture.Phases)
        {
            table.AddRow(
                new Text((phase.Index + 1).ToString(CultureInfo.InvariantCulture)),
                new Text(phase.Name),
                new Markup(PhaseMarkup(phase.State)),
                new Text(phase.Attempts.ToString(CultureInfo.InvariantCulture)),
                new Text(phase.Error ?? string.Empty));
        }

        if (trouble is { } lost)
        {
            var since = environment.Time.GetUtcNow() - lost.Since;
            table.Caption(new TableTitle(
                $"[yellow]reconnecting: no answer from the node since {CliText.Time(lost.Since)} ({CliText.Duration(since)}); " +
                $"trying until {CliText.Time(lost.GiveUpAt)} — {Markup.Escape(lost.Reason)}[/]"));
        }
        else if (picture.Error is not null && picture.State != TaskLifecycleState.Succeeded)
        {
            table.Caption(new TableTitle(Markup.Escape(picture.Error)));
        }

        return ChildrenLine(picture) is { } children ? new Rows(table, new Text(children)) : table;
    }

    private static string? ChildrenLine(TaskPicture picture) => picture.ChildrenLine is { } line ? $"children {line}" : null;

    private static string PhaseLine(TaskPicture picture, PhasePicture phase)
    {
        var line = $"phase {picture.Position(phase)} {phase.Name} {phase.State}";
        if (phase is { State: PhaseLifecycleState.Running, Retrying: true, Error: { } failure })
        {
            return string.Create(CultureInfo.InvariantCulture, $"{line}: attempt {phase.Attempts} failed, retrying: {failure}");
        }

        if (phase.Attempts > 1)
        {
            line += string.Create(CultureInfo.InvariantCulture, $" (attempt {phase.Attempts})");
        }

        return phase is { State: PhaseLifecycleState.Failed, Error: { } error } ? $"{line}: {error}" : line;
    }

    private static string StateLine(TaskPicture picture) =>
        picture.Error is not null && picture.State != TaskLifecycleState.Succeeded
            ? $"state {picture.State}: {picture.Error}"
            : $"state {picture.State}";

    private static string StateMarkup(TaskLifecycleState state) => state switch
    {
        TaskLifecycleState.Succeeded => "[green]Succeeded[/]",
        TaskLifecycleState.Reverted or TaskLifecycleState.Suspended => $"[yellow]{state}[/]",
        TaskLifecycleState.RevertFailed => "[red]RevertFailed[/]",
        _ => $"[blue]{state}[/]",
    };

    private static string PhaseMarkup(PhaseLifecycleState state) => state switch
    {
        PhaseLifecycleState.Completed => "[green]Completed[/]",
        PhaseLifecycleState.Failed => "[red]Failed[/]",
        PhaseLifecycleState.Running => "[blue]Running[/]",
        _ => state.ToString(),
    };
}
