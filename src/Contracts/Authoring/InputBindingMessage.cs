using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace PhaseFlow.Contracts.Authoring;

/// <summary>
/// Says why an input did not bind, in the input's own terms: the JSON path of the field (<c>input.count</c>) and
/// what it must be (<c>a whole number</c>). System.Text.Json's messages name CLR types ("could not be converted to
/// System.Int32", "contained in type 'PhaseFlow.Host.Tasks.StepsInput'"), which the person who sent the input
/// neither knows nor may be shown.
/// </summary>
internal static partial class InputBindingMessage
{
    private const int MaxValueLength = 40;

    /// <summary>Explains a binding failure.</summary>
    /// <param name="e">The serializer's exception.</param>
    /// <param name="inputType">The type the input was bound to (to tell what a field must be).</param>
    /// <param name="json">The input as sent (to quote the value that did not fit).</param>
    /// <returns>What was wrong, where (a JSON path starting at <c>input</c>) and what is allowed.</returns>
    public static string Explain(JsonException e, Type inputType, string json)
    {
        var segments = Segments(e.Path);
        var where = Where(e.Path);
        var message = e.Message;

        if (UnmappedProperty().Match(message) is { Success: true } unmapped)
        {
            var fields = TypeAt(inputType, segments.Take(segments.Count - 1)) is { Kind: JsonTypeInfoKind.Object } parent
                ? $"; the fields are {string.Join(", ", parent.Properties.Select(p => p.Name))}"
                : string.Empty;
            return $"{where} is not a field of the input{fields} (names are case-sensitive)";
        }

        if (MissingRequired().Match(message) is { Success: true } missing)
        {
            var names = missing.Groups[1].Value.Split(", ").Select(n => Join(where, n.Trim('\''))).ToList();
            return $"{string.Join(", ", names)} {(names.Count == 1 ? "is" : "are")} required";
        }

        if (NullNotAllowed().Match(message) is { Success: true } notNull)
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(notNull.Groups[1].Value);
            var field = segments.Count > 0 && Equals(segments[^1], name) ? where : Join(where, name);
            return $"{field} must not be null";
        }

        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            var value = ValueAt(json, segments);
            var target = TypeAt(inputType, segments);
            var allowed = target is null ? "of another kind" : Allowed(target.Type, value);
            if (target is not null && !target.Type.IsValueType && PropertyAt(inputType, segments) is { IsSetNullable: true })
            {
                allowed += " or null";
            }

            return value is null ? $"{where} must be {allowed}" : $"{where} must be {allowed}; it is {Describe(value.Value)}";
        }

        // Anything else (malformed JSON, too deep, too long) is said without types; keep its first sentence unless it names one.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var first = cut > 0 ? message[..cut] : message;
        var at = segments.Count == 0 ? string.Empty : $" at {where}";
        return TypeName().IsMatch(first) ? $"the input does not bind{at}: the JSON does not fit the task type's input" : $"the input does not bind{at}: {first}";
    }

    /// <summary>Writes a JSON path the way a person who wrote the input reads it: <c>$.a[0].b</c> becomes <c>input.a[0].b</c>.</summary>
    private static string Where(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "input" : "input" + path[1..];

    private static string Join(string where, string name) => $"{where}.{name}";

    /// <summary>What a value of <paramref name="type"/> must look like, for example "a whole number".</summary>
    private static string Allowed(Type type, JsonElement? value)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        var nullable = underlying is not null;
        type = underlying ?? type;
        string text;
        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)
            || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(sbyte))
        {
            // A whole number that is too large is told the range; anything else only that it must be a whole number.
            text = value is { ValueKind: JsonValueKind.Number } number && !number.GetRawText().AsSpan().ContainsAny(".eE")
                ? string.Create(CultureInfo.InvariantCulture, $"a whole number from {type.GetField("MinValue")!.GetValue(null)} to {type.GetField("MaxValue")!.GetValue(null)}")
                : "a whole number";
        }
        else if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            text = "a number";
        }
        else if (type == typeof(bool))
        {
            text = "true or false";
        }
        else if (type == typeof(string))
        {
            text = "a string";
        }
        else if (type == typeof(char))
        {
            text = "a string of one character";
        }
        else if (type.IsEnum)
        {
            text = $"one of {string.Join(", ", Enum.GetNames(type).Select(n => $"\"{n}\""))}";
        }
        else if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            text = "a date and time such as \"2025-01-31T14:05:09Z\"";
        }
        else if (type == typeof(DateOnly))
        {
            text = "a date such as \"2025-01-31\"";
        }
        else if (type == typeof(TimeSpan) || type == typeof(TimeOnly))
        {
            text = "a time such as \"00:01:30\"";
        }
        else if (type == typeof(Guid))
        {
            text = "a GUID such as \"3f2a9c5e-0000-4000-8000-000000000000\"";
        }
        else if (type == typeof(Uri))
        {
            text = "a URI string";
        }
        else
        {
            text = PhaseFlowJson.Options.GetTypeInfo(type).Kind switch
            {
                JsonTypeInfoKind.Enumerable => "an array",
                JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "an object",
                _ => "of another kind",
            };
        }

        return nullable ? $"{text} or null" : text;
    }

    private static string Describe(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                return "an object";
            case JsonValueKind.Array:
                return "an array";
            default:
                var raw = value.GetRawText();
                return raw.Length <= MaxValueLength ? raw : raw[..MaxValueLength] + "…";
        }
    }

    /// <summary>The metadata of the type at a path below the input's type, or <see langword="null"/> when the path leaves the known types.</summary>
    private static JsonTypeInfo? TypeAt(Type inputType, IEnumerable<object> segments)
    {
        var info = PhaseFlowJson.Options.GetTypeInfo(inputType);
        foreach (var segment in segments)
        {
            Type? next = segment switch
            {
                string name when info.Kind == JsonTypeInfoKind.Object => info.Properties.FirstOrDefault(p => p.Name == name)?.PropertyType,
                string when info.Kind == JsonTypeInfoKind.Dictionary => info.ElementType,
                int when info.Kind == JsonTypeInfoKind.Enumerable => info.ElementType,
                _ => null,
            };
            if (next is null)
            {
                return null;
            }

            info = PhaseFlowJson.Options.GetTypeInfo(next);
        }

        return info;
    }

    /// <summary>The property a path ends at, when it ends at one (to tell whether it may be null).</summary>
    private static JsonPropertyInfo? PropertyAt(Type inputType, IReadOnlyList<object> segments) =>
        segments.Count > 0 && segments[^1] is string name && TypeAt(inputType, segments.Take(segments.Count - 1)) is { Kind: JsonTypeInfoKind.Object } parent
            ? parent.Properties.FirstOrDefault(p => p.Name == name)
            : null;

    /// <summary>The value at a path in the input as sent, or <see langword="null"/> when it cannot be found.</summary>
    private static JsonElement? ValueAt(string json, IReadOnlyList<object> segments)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var element = document.RootElement;
            foreach (var segment in segments)
            {
                switch (segment)
                {
                    case string name when element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var property):
                        element = property;
                        break;
                    case int index when element.ValueKind == JsonValueKind.Array && index < element.GetArrayLength():
                        element = element[index];
                        break;
                    default:
                        return null;
                }
            }

            return element.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Splits a JSON path (<c>$.a['b c'][0]</c>) into names and indexes.</summary>
    private static List<object> Segments(string? path)
    {
        var segments = new List<object>();
        if (string.IsNullOrEmpty(path))
        {
            return segments;
        }

        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['", StringComparison.Ordinal))
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    break;
                }

                segments.Add(path[(i + 2)..end]);
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    break;
                }

                segments.Add(index);
                i = end + 1;
            }
            else
            {
                break;
            }
        }

        return segments;
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
