namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// An append-only file that phases write to: an external counter of what really ran, which survives the
/// actor systems that are aborted during a test.
/// </summary>
public sealed class RunLog
{
    private readonly object _gate = new();

    public RunLog(string path) => Path = path;

    public string Path { get; }

    public void Append(string line)
    {
        lock (_gate)
        {
            File.AppendAllText(Path, line + "\n");
        }
    }

    public IReadOnlyList<string> Lines()
    {
        lock (_gate)
        {
            return File.Exists(Path) ? File.ReadAllLines(Path) : [];
        }
    }

    public int Count(string line) => Lines().Count(l => l == line);
}
