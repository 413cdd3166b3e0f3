using System.Text.Json;

namespace PhaseFlow.Host.Cli;

/// <summary>Reads JSON from an option: inline JSON, or <c>@path</c> for a JSON file (a task's <c>--input</c>, a signal's <c>--payload</c>).</summary>
internal static class TaskInput
{
    /// <summary>Parses <paramref name="value"/>; the file is read and the JSON checked before any request is made.</summary>
    /// <param name="value">The option's value.</param>
    /// <param name="input">The parsed JSON object.</param>
    /// <param name="error">What is wrong, when this returns <see langword="false"/>.</param>
    /// <param name="option">The option's name, for messages.</param>
    /// <param name="objectOnly">Whether only a JSON object is allowed (a task's input), or any JSON value (a signal's payload).</param>
    /// <returns>Whether the value is readable JSON of the allowed kind.</returns>
    public static bool TryRead(string value, out JsonElement input, out string error, string option = "--input", bool objectOnly = true)
    {
        input = default;
        string json;
        string source;
        if (value.StartsWith('@'))
        {
            var path = value[1..];
            source = $"the {(objectOnly ? "input" : "payload")} file '{path}'";
            if (path.Length == 0)
            {
                error = $"{option} @ needs a file name, e.g. {option} @input.json";
                return false;
            }

            try
            {
                json = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
            {
                error = e is FileNotFoundException or DirectoryNotFoundException
                    ? $"{source} does not exist"
                    : $"cannot read {source}: {e.Message}";
                return false;
            }
        }
        else
        {
            source = option;
            json = value;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (objectOnly && document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = $"{source} must be a JSON object, e.g. {{\"path\":\"/tmp/a\"}}, not a {document.RootElement.ValueKind.ToString().ToLowerInvariant()}";
                return false;
            }

            input = document.RootElement.Clone();
            error = string.Empty;
            return true;
        }
        catch (JsonException e)
        {
            error = $"{source} is not valid JSON: {e.Message}";
            return false;
        }
    }
}
