using PhaseFlow.Contracts.Events;
using PhaseFlow.Contracts.Queries;

namespace PhaseFlow.Tests.Actors.Serialization;

/// <summary>
/// What each payload in <c>Golden/Legacy</c> must read as. Those files hold messages as earlier versions wrote them;
/// they are never rewritten, so every journal ever written keeps replaying.
/// </summary>
public static class LegacySamples
{
    public static IReadOnlyDictionary<string, object> All { get; } = new Dictionary<string, object>
    {
        // Written when TaskAccepted's type@version was called planFingerprint.
        ["E-TA.v1"] = Sample<TaskAccepted>(),

        // Written before PhaseStarted counted interrupted runs.
        ["E-PS.v1"] = Sample<PhaseStarted>() with { Interruptions = 0 },

        // Written before an in-flight phase's undo could be skipped.
        ["E-PR.v1"] = Sample<PhaseReverted>() with { Skipped = null },

        // Written before the status had a phase count, a problem and a stopping phase (and with planFingerprint).
        ["Q-STV.v1"] = Sample<TaskStatusView>() with
        {
            PhaseCount = null,
            Problem = null,
            Phases = [.. Sample<TaskStatusView>().Phases.Select(p => p with { Stopping = null })],
        },
    };

    private static T Sample<T>() => MessageSamples.All.OfType<T>().Single();
}
