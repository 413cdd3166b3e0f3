using Xunit;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>One node process shared by the tests of a class whose tasks do not interfere (each uses its own ids and files).</summary>
public sealed class SharedNode : IAsyncLifetime
{
    public NodeProcess Node { get; private set; } = null!;

    public async Task InitializeAsync() => Node = await NodeProcess.StartFreshAsync();

    public async Task DisposeAsync() => await Node.DisposeAsync();
}
