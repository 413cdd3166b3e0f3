namespace PhaseFlow.Host.Tasks;

/// <summary>
/// The one directory the demo task types (<c>steps</c>, <c>mkdir</c>) may touch, so that a caller of the API cannot
/// make the node write anywhere its user can (its own database included).
/// </summary>
/// <remarks>
/// A path is inside when it lies under the root after <c>..</c> is resolved and after every symbolic link on the way
/// is followed: a link inside the root that points outside it does not let a task out. The check runs when a
/// submission is validated and again right before each write.
/// </remarks>
public sealed class DemoRoot
{
    private const int MaxLinks = 40;

    /// <summary>Initializes the root.</summary>
    /// <param name="path">An existing absolute directory.</param>
    public DemoRoot(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Display = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        Real = Resolve(Display) ?? Display;
    }

    /// <summary>Gets the system's temporary directory as a root (the default).</summary>
    public static DemoRoot SystemTemp { get; } = new(Path.GetTempPath());

    /// <summary>Gets the root as configured.</summary>
    public string Display { get; }

    private string Real { get; }

    /// <summary>Says why a path is not inside the root.</summary>
    /// <param name="field">The input field, for the message (for example <c>journal</c>).</param>
    /// <param name="path">An absolute path.</param>
    /// <returns><see langword="null"/> when the path is inside; else what is wrong and what is allowed.</returns>
    public string? Explain(string field, string path)
    {
        var resolved = Resolve(path);
        return resolved is not null && IsUnder(resolved, Real)
            ? null
            : $"{field} must be under {Display}, the directory the demo tasks may use (the node's --demo-root); '{path}' is outside it";
    }

    /// <summary>Throws when a path is not inside the root (checked again right before a write).</summary>
    /// <param name="field">The input field.</param>
    /// <param name="path">An absolute path.</param>
    /// <exception cref="UnauthorizedAccessException">The path is outside the root.</exception>
    public void Demand(string field, string path)
    {
        if (Explain(field, path) is { } problem)
        {
            throw new UnauthorizedAccessException(problem + ".");
        }
    }

    private static bool IsUnder(string path, string root) =>
        path.Equals(root, StringComparison.Ordinal)
        || path.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>Follows every symbolic link on the path, component by component (the parts that exist).</summary>
    private static string? Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var pending = new Stack<string>(full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse());
        var current = root;
        var links = 0;
        while (pending.TryPop(out var part))
        {
            var next = Path.GetFullPath(Path.Combine(current, part));
            var info = new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                if (++links > MaxLinks)
                {
                    return null;
                }

                // Continue from the link's target: the rest of the path lies under it.
                var absolute = Path.GetFullPath(target, current);
                var targetRoot = Path.GetPathRoot(absolute)!;
                foreach (var segment in absolute[targetRoot.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse())
                {
                    pending.Push(segment);
                }

                current = targetRoot;
                continue;
            }

            current = next;
        }

        return Path.TrimEndingDirectorySeparator(current);
    }
}
