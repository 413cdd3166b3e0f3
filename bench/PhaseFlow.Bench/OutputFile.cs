namespace PhaseFlow.Bench;

/// <summary>Checks before a run that a result file (<c>--out</c>, <c>--json</c>) can be written, so a long run does not end in an error.</summary>
internal static class OutputFile
{
    /// <exception cref="ArgumentException">The path is empty, looks like an option, or cannot be written.</exception>
    public static string Writable(string option, string? path)
    {
        if (string.IsNullOrWhiteSpace(path) || path.StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"{option} needs a file name, for example {option} results.json.");
        }

        var existed = File.Exists(path);
        try
        {
            // Append leaves an existing file's content alone; the file is written only when the run has ended.
            using (new FileStream(path, FileMode.Append, FileAccess.Write))
            {
            }

            if (!existed)
            {
                File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ArgumentException($"{option}: cannot write '{path}': {e.Message}", e);
        }

        return path;
    }
}
