using System.Text.Json;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>One row of a node's event journal, as stored.</summary>
/// <param name="PersistenceId">Whose event it is, for example <c>task-t1</c>.</param>
/// <param name="SequenceNr">Its place in that persistence id's events, from 1.</param>
/// <param name="Manifest">The event's manifest, for example <c>E-PC</c> (PhaseCompleted).</param>
/// <param name="Json">The stored payload, as text.</param>
public sealed record JournalRow(string PersistenceId, long SequenceNr, string Manifest, string Json)
{
    /// <summary>Gets the payload, parsed.</summary>
    public JsonElement Event
    {
        get
        {
            using var document = JsonDocument.Parse(Json);
            return document.RootElement.Clone();
        }
    }

    /// <summary>Gets the phase index a phase event (E-PS, E-PC, E-PAF, E-PR) is about.</summary>
    public int Index => Event.GetProperty("index").GetInt32();
}
