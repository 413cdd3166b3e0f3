namespace PhaseFlow.Tests.Fixtures;

/// <summary>A point inside a phase where the test can hold it: the test learns the phase got there, and decides when it goes on.</summary>
public sealed class Gate
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Gate(bool open)
    {
        if (open)
        {
            _open.SetResult();
        }
    }

    public static Gate Opened() => new(open: true);

    public static Gate Closed() => new(open: false);

    /// <summary>Completes when a phase arrived at the gate.</summary>
    public Task Reached => _reached.Task;

    public void Release() => _open.TrySetResult();

    /// <summary>Makes a phase waiting here stop as if its process had died: it goes no further and does nothing more.</summary>
    public void Abandon() => _open.TrySetException(new OperationCanceledException("The node running this phase was aborted."));

    public async Task PassAsync(CancellationToken cancellationToken)
    {
        _reached.TrySetResult();
        await _open.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
