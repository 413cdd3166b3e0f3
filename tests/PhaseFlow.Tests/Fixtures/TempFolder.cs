namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// A new folder of a test's own under the run's folder (<see cref="ProcessReaper.RunFolder"/>), deleted when disposed;
/// if the test host dies first, the run's watchdog deletes it with the rest of the run folder.
/// </summary>
public sealed class TempFolder : IDisposable
{
    /// <summary>Creates the folder.</summary>
    /// <param name="name">The start of its name, saying what it is for (the rest is unique).</param>
    public TempFolder(string name = "test")
    {
        Path = System.IO.Path.Combine(ProcessReaper.RunFolder, $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    /// <summary>Gets the folder's full path.</summary>
    public string Path { get; }

    /// <summary>The full path of an entry in the folder.</summary>
    /// <param name="name">The entry's name (or a relative path).</param>
    /// <returns>The full path.</returns>
    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    /// <inheritdoc/>
    public override string ToString() => Path;

    /// <summary>Deletes the folder and everything in it.</summary>
    public void Dispose()
    {
        for (var attempt = 1; Directory.Exists(Path); attempt++)
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (Exception e) when (attempt < 3 && e is IOException or UnauthorizedAccessException)
            {
                // A process that was just killed may still be closing a file in it.
                Thread.Sleep(100);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left to the end of the run, which deletes the whole run folder.
                return;
            }
        }
    }
}
