namespace PhaseFlow.Tests.Fixtures;

/// <summary>Questions tests ask of a persistence id's journal rows.</summary>
public static class JournalRowExtensions
{
    /// <summary>The manifests of the rows, in order.</summary>
    /// <param name="rows">One persistence id's rows, in order.</param>
    /// <returns>The manifests.</returns>
    public static List<string> Manifests(this IEnumerable<JournalRow> rows) => [.. rows.Select(r => r.Manifest)];

    /// <summary>The phase indexes of the rows with <paramref name="manifest"/>, in journal order: <c>IndexesOf("E-PC")</c> are the completed phases.</summary>
    /// <param name="rows">One persistence id's rows, in order.</param>
    /// <param name="manifest">A phase event's manifest: E-PS, E-PC, E-PAF or E-PR.</param>
    /// <returns>The indexes, repeats included.</returns>
    public static List<int> IndexesOf(this IEnumerable<JournalRow> rows, string manifest) =>
        [.. rows.Where(r => r.Manifest == manifest).Select(r => r.Index)];
}
