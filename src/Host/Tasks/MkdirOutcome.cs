namespace PhaseFlow.Host.Tasks;

/// <summary>What one level of <see cref="MkdirTask"/> did.</summary>
/// <param name="Path">The directory.</param>
/// <param name="Created">Whether this task created it (it did not exist when the task inspected the path).</param>
public sealed record MkdirOutcome(string Path, bool Created);
