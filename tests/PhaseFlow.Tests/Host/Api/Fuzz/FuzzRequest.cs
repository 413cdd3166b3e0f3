using System.Text;

namespace PhaseFlow.Tests.Host.Api.Fuzz;

/// <summary>One generated HTTP request: what is sent, and which route it was aimed at (for the run's summary).</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Target">The path and query exactly as sent (already percent-encoded where the generator meant it).</param>
/// <param name="Route">The route the request was generated for, for example <c>POST /tasks/{id}/cancel</c>, or <c>other</c>.</param>
/// <param name="Headers">Request headers, content headers included; sent without validation.</param>
/// <param name="Body">The body, or <see langword="null"/> for none.</param>
/// <param name="Chunked">Whether the body is sent chunked, without a <c>Content-Length</c>.</param>
/// <param name="Credential">Which API key the request carries.</param>
/// <param name="Expect">What the generator knows the answer must be, apart from the credential.</param>
public sealed record FuzzRequest(
    string Method,
    string Target,
    string Route,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[]? Body,
    bool Chunked,
    FuzzCredential Credential,
    FuzzExpectation Expect)
{
    /// <summary>Gets a value indicating whether the request asks for a task's event stream (read only its headers).</summary>
    public bool IsEventStream => Route == FuzzRoutes.Events && Method == "GET";

    /// <summary>Describes the request for a failure message: method, target, headers and the start of the body.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Method).Append(' ').Append(Shorten(Target, 300)).Append("  [route ").Append(Route).Append(", credential ").Append(Credential).Append(", expect ").Append(Expect).Append(']').AppendLine();
        foreach (var (name, value) in Headers)
        {
            text.Append("  ").Append(name).Append(": ").Append(Shorten(value, 200)).AppendLine();
        }

        if (Body is null)
        {
            text.Append("  (no body)");
        }
        else
        {
            text.Append(Chunked ? "  chunked body " : "  body ").Append(Body.Length).Append(" bytes: ").Append(Shorten(Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 600)), 500));
        }

        return text.ToString();
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : $"{text[..max]}… ({text.Length} chars)";
}
