using System.Globalization;
using PhaseFlow.Client;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Contracts.Http;
using Spectre.Console;

namespace PhaseFlow.Host.Cli;

/// <summary><c>phaseflow status ID</c>: one task's state, error, phases, parent and children.</summary>
/// <param name="environment">The consoles, variables and clock.</param>
internal sealed class StatusCommand(CliEnvironment environment) : ApiCommand<TaskIdSettings>(environment)
{
    /// <inheritdoc/>
    protected override async Task<int> RunAsync(PhaseFlowHttpClient client, TaskIdSettings settings, CancellationToken cancellationToken)
    {
        var task = await client.GetAsync(settings.Id, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            Environment.WriteError($"no task has id {settings.Id}");
            return CliExitCode.Failure;
        }

        var facts = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Fact(string name, string value) => facts.AddRow(new Text(name), new Text(value));
        Fact("id", task.Id);
        Fact("type", task.Type);
        Fact("state", task.State.ToString());
        if (task.ParentId is not null)
        {
            Fact("parent", task.ParentId);
        }

        Fact("phases", PhaseCounts(task));
        var children = task.Children ?? [];
        if (children.Count > 0)
        {
            Fact("children", ChildTaskSummary.Line([.. children.Select(c => c.State)], "starting"));
        }

        Fact("created", CliText.Time(task.CreatedAt));
        Fact("updated", CliText.Time(task.UpdatedAt));
        if (task.Error is not null)
        {
            Fact("error", task.Error.Message);
        }

        if (task.Problem is { } problem)
        {
            Fact("problem", problem.Message);
        }

        if (task.Phases.FirstOrDefault(p => p.Stopping is not null) is { Stopping: { } stopping } stuck)
        {
            Fact("waiting", CliText.Waiting(stuck.Index, stopping));
        }

        if (task.Phases.FirstOrDefault(p => p.Waiting is not null) is { Waiting: { } waiting } waitingPhase)
        {
            Fact("waiting", WaitingFor(task, waitingPhase.Index, waiting));
        }

        if (task.Revert is { } revert)
        {
            // The outcome and the reason on lines of their own: "Failed: 2 of 2 phases undone" read as a failed revert.
            Fact("revert", string.Create(
                CultureInfo.InvariantCulture,
                $"{RevertOutcome(task.State)}: {revert.PhasesReverted} of {revert.PhasesToRevert} phases undone, started {CliText.Time(revert.StartedAt)}"));
            Fact("revert reason", revert.Reason == RevertReason.Cancelled ? "the task was cancelled" : "the task failed (see error)");
            if (revert.Error is not null)
            {
                Fact("revert error", revert.Error.Message);
            }
        }

        Environment.Out.Write(facts);
        if (task.Phases.Count == 0)
        {
            Environment.Out.WriteLine("no phase has started");
            return CliExitCode.Success;
        }

        var table = CliTables.Create(Environment, "#", "phase", "state", "attempts", "started", "completed", "error");
        foreach (var phase in task.Phases)
        {
            table.AddRow(
                new Text((phase.Index + 1).ToString(CultureInfo.InvariantCulture)),
                new Text(phase.Name),
                new Text(phase.State.ToString()),
                new Text(phase.Attempts.ToString(CultureInfo.InvariantCulture)),
                new Text(CliText.Time(phase.StartedAt)),
                new Text(CliText.Time(phase.CompletedAt)),
                new Text(phase.Error?.Message ?? (phase.RetryAt is { } retryAt ? $"(retry at {CliText.Time(retryAt)})" : string.Empty)));
        }

        Environment.Out.Write(table);
        WriteChildren(task, children);
        return CliExitCode.Success;
    }

    // A few children are listed one by one; a thousand would bury the phases, so the list verb is named instead.
    private void WriteChildren(TaskResource task, IReadOnlyList<ChildTaskResource> children)
    {
        if (children.Count == 0)
        {
            return;
        }

        if (children.Count > ChildTaskSummary.ListedAtMost)
        {
            Environment.Out.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{children.Count} child tasks; list them with: phaseflow list --parent {task.Id} --all"));
            return;
        }

        var table = CliTables.Create(Environment, "child", "phase", "attempt", "state");
        foreach (var child in children)
        {
            table.AddRow(
                new Text(child.Id),
                new Text((child.Phase + 1).ToString(CultureInfo.InvariantCulture)),
                new Text(child.Attempt.ToString(CultureInfo.InvariantCulture)),
                new Text(child.State?.ToString() ?? "starting"));
        }

        Environment.Out.Write(table);
    }

    private static string WaitingFor(TaskResource task, int index, PhaseWaitRecord wait) => wait switch
    {
        { Kind: PhaseWaitKind.Children } => ChildrenWait(task, index, wait),
        { Kind: PhaseWaitKind.Task, Tasks: [var awaited, ..] } => $"phase {index + 1} waits for task {awaited} to finish{Until(wait)}",
        { Kind: PhaseWaitKind.Delay, Until: { } until } => $"phase {index + 1} waits until {CliText.Time(until)} (a delay)",
        { Kind: PhaseWaitKind.Signal, Until: { } until } => $"phase {index + 1} waits for signal '{wait.Signal}' until {CliText.Time(until)} (send it with: phaseflow signal {task.Id} {wait.Signal})",
        _ => $"phase {index + 1} waits for signal '{wait.Signal}' (send it with: phaseflow signal {task.Id} {wait.Signal})",
    };

    private static string ChildrenWait(TaskResource task, int index, PhaseWaitRecord wait)
    {
        var ids = wait.Tasks ?? [];
        var states = (task.Children ?? []).ToDictionary(c => c.Id, c => c.State, StringComparer.Ordinal);
        var finished = ids.Count(id => ChildTaskSummary.IsFinished(states.GetValueOrDefault(id)));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"phase {index + 1} waits for its {ids.Count} child {(ids.Count == 1 ? "task" : "tasks")} ({finished} finished){Until(wait)}");
    }

    private static string Until(PhaseWaitRecord wait) => wait.Until is { } until ? $" until {CliText.Time(until)}" : string.Empty;

    /// <summary>
    /// How far the task got: phases that completed count even once reverted (a reverted task's "0 completed" said
    /// nothing), and a reverted task says they were undone.
    /// </summary>
    private static string PhaseCounts(TaskResource task)
    {
        var completed = task.Phases.Count(p => p.CompletedAt is not null);
        var counted = task.PhaseCount is { } count
            ? string.Create(CultureInfo.InvariantCulture, $"{completed} of {count} completed")
            : string.Create(CultureInfo.InvariantCulture, $"{completed} completed");
        return task.State == TaskLifecycleState.Reverted && task.Phases.Count > 0 ? $"{counted}, then all undone by the revert" : counted;
    }

    private static string RevertOutcome(TaskLifecycleState state) => state switch
    {
        TaskLifecycleState.Reverted => "done",
        TaskLifecycleState.RevertFailed => "stopped by an error (see revert error)",
        _ => "in progress",
    };
}
