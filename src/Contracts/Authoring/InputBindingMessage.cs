using System.Text.Json;
using System.Text.RegularExpressions;

namespace PhaseFlow.Contracts.Authoring;

/// <summary>
/// Says why an input did not bind, in the input's own terms. System.Text.Json's messages name CLR types
/// ("could not be converted to System.Int32", "contained in type 'PhaseFlow.Host.Tasks.StepsInput'"), which the
/// person who sent the input neither knows nor may be shown.
/// </summary>
internal static partial class InputBindingMessage
{
    /// <summary>Explains a binding failure.</summary>
    /// <param name="e">The serializer's exception.</param>
    /// <returns>What was wrong, and where (a JSON path) when known.</returns>
    public static string Explain(JsonException e)
    {
        var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? string.Empty : $" at {e.Path}";
        return $"the input does not bind{where}: {Reason(e.Message)}";
    }

    private static string Reason(string message)
    {
        if (UnmappedProperty().Match(message) is { Success: true } unmapped)
        {
            return $"unknown field '{unmapped.Groups[1].Value}' (names are case-sensitive)";
        }

        if (MissingRequired().Match(message) is { Success: true } missing)
        {
            return $"missing required field(s) {missing.Groups[1].Value}";
        }

        if (NullNotAllowed().Match(message) is { Success: true } notNull)
        {
            return $"'{JsonNamingPolicy.CamelCase.ConvertName(notNull.Groups[1].Value)}' must not be null";
        }

        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return "the value has the wrong type for that field, or is out of its range";
        }

        // Anything else (malformed JSON, too deep, too long) is said without types; keep its first sentence unless it names one.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var first = cut > 0 ? message[..cut] : message;
        return TypeName().IsMatch(first) ? "the JSON does not fit the task type's input" : first;
    }

    [GeneratedRegex(@"The JSON property '(.*)' could not be mapped to any \.NET member", RegexOptions.Singleline)]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex(@"missing required properties including: (.+?)\.?$", RegexOptions.Singleline)]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"parameter '(\w+)' on type '[^']*' doesn't allow null")]
    private static partial Regex NullNotAllowed();

    [GeneratedRegex(@"\.NET|\btype '|\b(System|PhaseFlow|Microsoft)\.\w")]
    private static partial Regex TypeName();
}
