using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PhaseFlow.Tests.Host.Api.Fuzz;

/// <summary>Counts a fuzz run's requests by status and by route, for the test's output.</summary>
public sealed class FuzzRunSummary
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly SortedDictionary<int, int> _byStatus = [];
    private readonly SortedDictionary<string, SortedDictionary<int, int>> _byRoute = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, SortedDictionary<int, int>> _byCredential = new(StringComparer.Ordinal);

    public int Requests { get; private set; }

    public int EventStreamsOpened { get; private set; }

    public int TasksSettled { get; private set; }

    public int RejectedWithJournalChecked { get; private set; }

    public int Failures { get; private set; }

    public void Record(FuzzRequest request, FuzzResponse response)
    {
        Requests++;
        _byStatus[response.Status] = _byStatus.GetValueOrDefault(response.Status) + 1;
        var route = _byRoute.TryGetValue(request.Route, out var r) ? r : _byRoute[request.Route] = [];
        route[response.Status] = route.GetValueOrDefault(response.Status) + 1;
        var credential = _byCredential.TryGetValue(request.Credential.ToString(), out var c) ? c : _byCredential[request.Credential.ToString()] = [];
        credential[response.Status] = credential.GetValueOrDefault(response.Status) + 1;
        if (request.IsEventStream && response.MediaType == "text/event-stream")
        {
            EventStreamsOpened++;
        }
    }

    public void Settled() => TasksSettled++;

    public void JournalChecked() => RejectedWithJournalChecked++;

    public void Failed() => Failures++;

    /// <summary>Writes the summary.</summary>
    /// <param name="node">How the node ran (with or without keys).</param>
    /// <param name="seed">The seed the run started from, or "random".</param>
    /// <param name="journalRows">The journal's rows at the end.</param>
    /// <returns>The text.</returns>
    public string Describe(string node, string seed, long journalRows)
    {
        var elapsed = _clock.Elapsed;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"API fuzz ({node}): {Requests} requests in {elapsed.TotalSeconds:F1} s ({Requests / Math.Max(elapsed.TotalSeconds, 0.001):F0}/s), seed {seed}, failing checks {Failures}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  by status: {string.Join(", ", _byStatus.Select(s => $"{s.Key}: {s.Value}"))}");
        text.AppendLine("  by route:");
        foreach (var (route, statuses) in _byRoute)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    {route,-30} {statuses.Values.Sum(),6}  ({string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}"))})");
        }

        text.AppendLine("  by credential:");
        foreach (var (credential, statuses) in _byCredential)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    {credential,-30} {statuses.Values.Sum(),6}  ({string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}"))})");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  event streams opened and closed: {EventStreamsOpened}; accepted tasks waited on until settled: {TasksSettled}");
        text.Append(CultureInfo.InvariantCulture, $"  answers checked against the journal: {RejectedWithJournalChecked}; journal rows at the end: {journalRows}");
        return text.ToString();
    }
}
