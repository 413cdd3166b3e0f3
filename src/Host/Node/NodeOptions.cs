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

    /// <summary>Gets or sets how log lines are written: <c>text</c> (one readable line each) or <c>json</c> (one JSON object per line, with the task id in scope).</summary>
    /// <value>The default value is <c>text</c>.</value>
    public string LogFormat { get; set; } = NodeLogFormats.Text;

    /// <summary>Gets or sets the OpenTelemetry collector to send traces and metrics to (OTLP), or <see langword="null"/> for none.</summary>
    /// <value>The default value is <see langword="null"/>: metrics are only scraped at <c>/metrics</c>, traces are not exported.</value>
    public string? OtlpEndpoint { get; set; }

    /// <summary>Gets or sets the OTLP transport: <c>grpc</c> (port 4317 by convention) or <c>http</c> (http/protobuf, port 4318).</summary>
    /// <value>The default value is <c>grpc</c>.</value>
    public string OtlpProtocol { get; set; } = NodeTelemetry.Grpc;

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

        if (!NodeLogFormats.All.Contains(LogFormat, StringComparer.OrdinalIgnoreCase))
        {
            yield return $"LogFormat (--log-format, PHASEFLOW_LOG_FORMAT): '{LogFormat}' is not a log format; use one of {string.Join(", ", NodeLogFormats.All)}.";
        }

        if (OtlpEndpoint is { Length: > 0 } otlp && (!Uri.TryCreate(otlp, UriKind.Absolute, out var collector) || collector.Scheme is not ("http" or "https")))
        {
            yield return $"OtlpEndpoint (--otlp-endpoint, PHASEFLOW_OTLP_ENDPOINT): '{otlp}' is not an http:// or https:// URL of an OpenTelemetry collector (for example http://localhost:4317).";
        }

        if (!NodeTelemetry.Protocols.Contains(OtlpProtocol, StringComparer.OrdinalIgnoreCase))
        {
            yield return $"OtlpProtocol (--otlp-protocol, PHASEFLOW_OTLP_PROTOCOL): '{OtlpProtocol}' is not an OTLP transport; use one of {string.Join(", ", NodeTelemetry.Protocols)}.";
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
