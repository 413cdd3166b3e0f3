namespace PhaseFlow.Actors.Serialization;

/// <summary>
/// Stands in for a journaled event PhaseFlow cannot read: its manifest is unknown (written by a newer or different
/// version), or its payload is not valid JSON, is JSON null, or lacks or breaks a required member. Whoever reads the
/// journal decides what to do with it (the task list logs and skips it); it is never an <c>ITaskEvent</c>.
/// </summary>
/// <remarks>
/// It only ever comes out of <see cref="PhaseFlowSerializer"/>; the serializer refuses to write it, so a stand-in can
/// never replace the stored payload it describes.
/// </remarks>
/// <param name="Manifest">The manifest stored with the event, for example <c>E-TA</c>.</param>
/// <param name="Reason">Why it cannot be read, written for an operator: what was wrong and where (a JSON path).</param>
public sealed record UnreadableEvent(string Manifest, string Reason);
