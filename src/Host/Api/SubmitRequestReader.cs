using System.Text.Json;
using Microsoft.AspNetCore.Http;
using PhaseFlow.Contracts.Http;

namespace PhaseFlow.Host.Api;

/// <summary>
/// Reads the body of <c>POST /tasks</c> by hand, so every mistake gets its own message: too large, not JSON,
/// not an object, a missing or mistyped field, or a field the API does not know.
/// </summary>
internal static class SubmitRequestReader
{
    private static readonly string[] Fields = ["id", "type", "input"];

    /// <summary>Reads and checks the body.</summary>
    /// <param name="request">The HTTP request.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The request and its input as JSON text, or what is wrong with it.</returns>
    public static async Task<(SubmitTaskRequest? Request, string? InputJson, string? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBody.ReadAsync(request, "a task submission", cancellationToken);
        return body is null ? (null, null, problem) : Parse(body);
    }

    private static (SubmitTaskRequest? Request, string? InputJson, string? Problem) Parse(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return (null, null, $"The body is not valid JSON: {e.Message} Send an object like {{\"type\": \"mkdir\", \"input\": {{\"path\": \"/tmp/a\"}}}}.");
        }

        using (document)
        {
            try
            {
                return Read(document.RootElement);
            }
            catch (InvalidOperationException)
            {
                // Valid UTF-8 can still escape half a surrogate pair ("\ud800"), which no string can hold.
                return (null, null, "The body has a name or string with an unpaired surrogate escape (such as \\ud800); send valid Unicode text.");
            }
        }
    }

    private static (SubmitTaskRequest? Request, string? InputJson, string? Problem) Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, null, $"The body must be a JSON object with \"type\", \"input\" and optionally \"id\", not {Describe(root.ValueKind)}.");
        }

        var unknown = root.EnumerateObject().Select(p => p.Name).Where(n => !Fields.Contains(n, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            return (null, null, $"Unknown field(s) {string.Join(", ", unknown.Select(n => $"\"{n}\""))}; the body may have only \"id\", \"type\" and \"input\" (names are case-sensitive).");
        }

        if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() is not { Length: > 0 } typeName)
        {
            return (null, null, "\"type\" is required and must be a non-empty string naming a task type, for example \"mkdir\" or \"steps\".");
        }

        if (!root.TryGetProperty("input", out var input) || input.ValueKind != JsonValueKind.Object)
        {
            return (null, null, $"\"input\" is required and must be a JSON object (the task type's input){(root.TryGetProperty("input", out var given) ? $", not {Describe(given.ValueKind)}" : string.Empty)}.");
        }

        string? id = null;
        if (root.TryGetProperty("id", out var idElement) && idElement.ValueKind != JsonValueKind.Null)
        {
            if (idElement.ValueKind != JsonValueKind.String)
            {
                return (null, null, $"\"id\" must be a string, not {Describe(idElement.ValueKind)}; leave it out to get a generated id.");
            }

            id = idElement.GetString();
        }

        return (new SubmitTaskRequest(typeName, input.Clone(), id), input.GetRawText(), null);
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };
}
