namespace PhaseFlow.Host.Node;

/// <summary>The values of <c>--log-format</c>.</summary>
internal static class NodeLogFormats
{
    /// <summary>One readable line per entry (the default).</summary>
    public const string Text = "text";

    /// <summary>One JSON object per line, with scopes (the task id) and the message's values as properties.</summary>
    public const string Json = "json";

    /// <summary>Gets every format, in the words of the flag.</summary>
    public static IReadOnlyList<string> All { get; } = [Text, Json];
}
