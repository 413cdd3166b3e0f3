namespace PhaseFlow.Contracts.Authoring;

/// <summary>
/// The outputs of the phases that completed so far, in plan order. During replay these are the recorded
/// outputs, so a plan that branches on them takes the same branch again.
/// </summary>
public sealed class PhaseOutputs
{
    private readonly Func<IReadOnlyList<CompletedPhase>> _completed;

    /// <summary>Initializes a view over a list of completed phases that may grow while the plan runs.</summary>
    /// <param name="completed">Returns the completed phases in plan order; called on every read.</param>
    public PhaseOutputs(Func<IReadOnlyList<CompletedPhase>> completed)
    {
        ArgumentNullException.ThrowIfNull(completed);
        _completed = completed;
    }

    /// <summary>Gets the completed phases in plan order.</summary>
    public IReadOnlyList<CompletedPhase> Completed => _completed();

    /// <summary>Reads the output of the most recent completed phase named <paramref name="phaseName"/>.</summary>
    /// <typeparam name="T">The output's type.</typeparam>
    /// <param name="phaseName">The phase's name.</param>
    /// <returns>The output.</returns>
    /// <exception cref="InvalidOperationException">No phase of that name has completed yet.</exception>
    public T? Get<T>(string phaseName) => (Find(phaseName) ?? throw NotCompleted(phaseName)).OutputAs<T>();

    /// <summary>Reads the output of the phase at <paramref name="index"/>.</summary>
    /// <typeparam name="T">The output's type.</typeparam>
    /// <param name="index">The 0-based phase index.</param>
    /// <returns>The output.</returns>
    /// <exception cref="InvalidOperationException">That phase has not completed yet.</exception>
    public T? Get<T>(int index)
    {
        var completed = _completed();
        if (index < 0 || index >= completed.Count)
        {
            throw new InvalidOperationException(
                $"Phase {index} has not completed; {completed.Count} phase(s) have. A plan can read only the outputs of phases it yielded before.");
        }

        return completed[index].OutputAs<T>();
    }

    /// <summary>Tries to read the output of the most recent completed phase named <paramref name="phaseName"/>.</summary>
    /// <typeparam name="T">The output's type.</typeparam>
    /// <param name="phaseName">The phase's name.</param>
    /// <param name="output">The output when found.</param>
    /// <returns><see langword="true"/> when such a phase has completed.</returns>
    public bool TryGet<T>(string phaseName, out T? output)
    {
        var phase = Find(phaseName);
        output = phase is null ? default : phase.OutputAs<T>();
        return phase is not null;
    }

    private CompletedPhase? Find(string phaseName)
    {
        var completed = _completed();
        for (var i = completed.Count - 1; i >= 0; i--)
        {
            if (string.Equals(completed[i].Name, phaseName, StringComparison.Ordinal))
            {
                return completed[i];
            }
        }

        return null;
    }

    private InvalidOperationException NotCompleted(string phaseName) => new(
        $"No phase named '{phaseName}' has completed. Completed so far: [{string.Join(", ", _completed().Select(p => p.Name))}]. " +
        "A plan can read only the outputs of phases it yielded before.");
}
