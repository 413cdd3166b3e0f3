using System.Text.Json;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Contracts.Http;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>Canned API bodies for the CLI and client tests.</summary>
public static class WireSamples
{
    public static readonly DateTimeOffset Created = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static TaskResource Task(
        string id,
        TaskLifecycleState state,
        int? phaseCount,
        params PhaseResource[] phases) =>
        new(
            id,
            "mkdir",
            state,
            JsonDocument.Parse("""{"path":"/tmp/a"}""").RootElement.Clone(),
            phases.Length == 0 ? null : phases[^1].Index,
            phaseCount,
            phases,
            null,
            null,
            Created,
            phases.Length == 0 ? Created : Created.AddSeconds(phases.Length));

    public static PhaseResource Phase(int index, string name, PhaseLifecycleState state, int attempts = 1) =>
        new(index, name, state, attempts, null, null, Created.AddSeconds(index + 1), state == PhaseLifecycleState.Completed ? Created.AddSeconds(index + 1) : null, null, null);

    public static TaskChange PhaseChange(long sequence, int index, string name, PhaseLifecycleState state, int seconds) =>
        new(sequence, TaskChangeKinds.Phase, null, index, name, state, state == PhaseLifecycleState.Running ? 1 : null, null, Created.AddSeconds(seconds));

    public static TaskChange AwaitedChange(long sequence, int index, string taskId, TaskLifecycleState? state, int seconds, ErrorResource? error = null) =>
        new(sequence, TaskChangeKinds.Awaited, null, index, null, null, 1, error, Created.AddSeconds(seconds), AwaitedTaskId: taskId, AwaitedState: state);

    public static PhaseWaitRecord ChildrenWait(params string[] ids) => new(PhaseWaitKind.Children, null, null, ids);

    public static TaskChange StateChange(long sequence, TaskLifecycleState state, int seconds, ErrorResource? error = null) =>
        new(sequence, TaskChangeKinds.State, state, null, null, null, null, error, Created.AddSeconds(seconds));
}
