namespace PhaseFlow.Host.Tasks;

/// <summary>Whether the node offers the built-in demo task types (<c>steps</c>, <c>mkdir</c>) and where they may write.</summary>
internal sealed class DemoTaskOptions
{
    /// <summary>The value of <see cref="DemoTasks"/> that offers the demo types.</summary>
    public const string On = "on";

    /// <summary>The value of <see cref="DemoTasks"/> that removes them.</summary>
    public const string Off = "off";

    /// <summary>Gets or sets whether the node offers the demo task types: <c>on</c> or <c>off</c>.</summary>
    /// <value>The default value is <c>on</c>.</value>
    public string DemoTasks { get; set; } = On;

    /// <summary>Gets or sets the directory the demo task types may touch; paths outside it are refused.</summary>
    /// <value>The default value is <see langword="null"/>: the system's temporary directory.</value>
    public string? DemoRoot { get; set; }

    /// <summary>Gets a value indicating whether the demo task types are offered.</summary>
    public bool Enabled => DemoTasks.Equals(On, StringComparison.OrdinalIgnoreCase);

    /// <summary>Lists what is wrong with the options.</summary>
    /// <returns>One message per problem; empty when the options are valid.</returns>
    public IEnumerable<string> Problems()
    {
        if (!DemoTasks.Equals(On, StringComparison.OrdinalIgnoreCase) && !DemoTasks.Equals(Off, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"--demo-tasks must be {On} or {Off}; it is '{DemoTasks}'.";
        }

        if (DemoRoot is { } root)
        {
            if (!Path.IsPathFullyQualified(root))
            {
                yield return $"--demo-root must be an absolute directory path; '{root}' is relative.";
            }
            else if (!Directory.Exists(root))
            {
                yield return $"--demo-root '{root}' is not an existing directory; create it first.";
            }
        }
    }
}
