using System.Collections.Frozen;
using PhaseFlow.Actors.Awaiting;
using PhaseFlow.Actors.ReadModel;
using PhaseFlow.Actors.WakeUps;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Contracts.Queries;

namespace PhaseFlow.Actors.Serialization;

/// <summary>
/// The stable string manifest of every PhaseFlow message. A manifest is written into the journal with each event:
/// never rename one, never reuse one for another type. A new type gets a new manifest.
/// </summary>
public static class PhaseFlowManifests
{
    private static readonly (Type Type, string Manifest)[] Table =
    [
        // Events (journaled: these manifests are forever).
        (typeof(TaskAccepted), "E-TA"),
        (typeof(PhaseStarted), "E-PS"),
        (typeof(PhaseCompleted), "E-PC"),
        (typeof(PhaseAttemptFailed), "E-PAF"),
        (typeof(TaskSucceeded), "E-TS"),
        (typeof(TaskSuspended), "E-TSU"),
        (typeof(CancelRequested), "E-CR"),
        (typeof(RevertStarted), "E-RS"),
        (typeof(PhaseReverted), "E-PR"),
        (typeof(TaskReverted), "E-TR"),
        (typeof(RevertFailed), "E-RF"),
        (typeof(TaskResumed), "E-TRS"),
        (typeof(SignalReceived), "E-SR"),
        (typeof(AwaitedTaskSettled), "E-ATS"),

        // Commands and replies.
        (typeof(SubmitTask), "C-SUB"),
        // "C-REV" (the former RevertTask) is retired: never reuse it.
        (typeof(CancelTask), "C-CAN"),
        (typeof(RetryRevert), "C-RR"),
        (typeof(ResumeTask), "C-RES"),
        (typeof(SignalTask), "C-SIG"),
        (typeof(UndoTask), "C-UNDO"),
        (typeof(TaskSubmitted), "R-SUB"),
        (typeof(CommandAccepted), "R-ACC"),
        (typeof(CommandRejected), "R-REJ"),

        // Queries.
        (typeof(GetTaskStatus), "Q-ST"),
        (typeof(TaskStatusView), "Q-STV"),
        (typeof(TaskNotFound), "Q-NF"),
        (typeof(TaskUnavailable), "Q-UN"),

        // Waking tasks that wait out of memory.
        (typeof(WakeTask), "W-WAKE"),
        (typeof(TaskWoken), "W-WOKE"),

        // Tasks that wait for tasks.
        (typeof(WatchTask), "A-WATCH"),
        (typeof(WatchedTaskState), "A-SEEN"),

        // Notices between nodes.
        (typeof(TaskEventsStored), "N-TES"),

        // "S-…" manifests were a task actor's messages to itself; those are local and never serialised now. Never reuse them.
    ];

    private static readonly FrozenDictionary<Type, string> ByType = Table.ToFrozenDictionary(e => e.Type, e => e.Manifest);
    private static readonly FrozenDictionary<string, Type> ByManifest = Table.ToFrozenDictionary(e => e.Manifest, e => e.Type, StringComparer.Ordinal);

    /// <summary>Gets every registered type with its manifest.</summary>
    public static IReadOnlyList<(Type Type, string Manifest)> All => Table;

    /// <summary>Gets the manifest of a type.</summary>
    /// <param name="type">The message type.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="ArgumentException">The type has no manifest: add it to the table.</exception>
    public static string Of(Type type) => ByType.TryGetValue(type, out var manifest)
        ? manifest
        : throw new ArgumentException($"{type.FullName} has no PhaseFlow manifest; add it to {nameof(PhaseFlowManifests)} before sending or persisting it.", nameof(type));

    /// <summary>The prefix of every event manifest (and of any event manifest a newer version may add).</summary>
    public const string EventPrefix = "E-";

    /// <summary>Tells whether a manifest names a journaled event, known or not.</summary>
    /// <param name="manifest">The manifest.</param>
    /// <returns><see langword="true"/> when it starts with <see cref="EventPrefix"/>.</returns>
    public static bool IsEvent(string? manifest) => manifest is not null && manifest.StartsWith(EventPrefix, StringComparison.Ordinal);

    /// <summary>Gets the type of a manifest, if it is known.</summary>
    /// <param name="manifest">The manifest.</param>
    /// <param name="type">The type, or <see langword="null"/> when the manifest is unknown.</param>
    /// <returns><see langword="true"/> when the manifest is known.</returns>
    public static bool TryGetType(string manifest, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Type? type) =>
        ByManifest.TryGetValue(manifest, out type);

    /// <summary>Gets the type of a manifest.</summary>
    /// <param name="manifest">The manifest.</param>
    /// <returns>The type.</returns>
    /// <exception cref="System.Runtime.Serialization.SerializationException">The manifest is unknown (written by a newer or foreign version).</exception>
    public static Type TypeOf(string manifest) => ByManifest.TryGetValue(manifest, out var type)
        ? type
        : throw new System.Runtime.Serialization.SerializationException(
            $"Unknown PhaseFlow manifest '{manifest}': the payload was written by a newer or different version. Known: {string.Join(", ", ByManifest.Keys.Order(StringComparer.Ordinal))}.");
}
