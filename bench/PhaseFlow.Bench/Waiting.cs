namespace PhaseFlow.Bench;

/// <summary>Waits for a probe's completion without letting one stuck scenario hang the whole run.</summary>
internal static class Waiting
{
    /// <returns><see langword="true"/> if the task completed in time.</returns>
    public static async Task<bool> ForAsync(Task task, TimeSpan patience)
    {
        try
        {
            await task.WaitAsync(patience).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Polls a condition every 50 ms.</summary>
    public static async Task<bool> UntilAsync(Func<bool> condition, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Polls an asynchronous condition every 200 ms.</summary>
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(200).ConfigureAwait(false);
        }

        return true;
    }
}
