using PhaseFlow.Contracts.Http;

namespace PhaseFlow.Host.Node;

/// <summary>Settings of the stock node beyond <see cref="PhaseFlow.Actors.Hosting.PhaseFlowOptions"/>; bound from the same <c>PhaseFlow</c> section.</summary>
internal sealed class NodeOptions
{
    /// <summary>Gets or sets the URL(s) the HTTP API listens on, separated by ';'.</summary>
    /// <value>The default value is <c>http://127.0.0.1:5080</c>.</value>
    public string Urls { get; set; } = PhaseFlowApi.DefaultUrl;

    /// <summary>Gets or sets the assemblies whose task types the node loads, in addition to the built-in ones.</summary>
    public IList<string> TaskAssemblies { get; set; } = [];

    /// <summary>Gets or sets how much the node logs: <c>error</c>, <c>warning</c>, <c>info</c> or <c>debug</c> (see <see cref="NodeLogLevel"/>).</summary>
    /// <value>The default value is <c>info</c>: PhaseFlow's own lines, and warnings and errors of everything else.</value>
    public string LogLevel { get; set; } = "info";

    /// <summary>Lists what is wrong with the options.</summary>
    /// <returns>One message per problem; empty when the options are valid.</returns>
    public IEnumerable<string> Problems()
    {
        foreach (var url in Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).DefaultIfEmpty(string.Empty))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                yield return $"Urls: '{url}' is not an http:// or https:// URL (for example {PhaseFlowApi.DefaultUrl}; port 0 = any free port).";
            }
        }

        if (!NodeLogging.TryParse(LogLevel, out _))
        {
            yield return $"LogLevel (--log-level, PHASEFLOW_LOG_LEVEL): '{LogLevel}' is not a log level; use one of {string.Join(", ", NodeLogging.Names)}.";
        }

        foreach (var path in TaskAssemblies)
        {
            if (!File.Exists(path))
            {
                yield return $"TaskAssemblies: '{path}' does not exist (full path {Path.GetFullPath(path)}).";
            }
        }
    }
}
