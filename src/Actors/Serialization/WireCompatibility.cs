using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Contracts.Queries;

namespace PhaseFlow.Actors.Serialization;

/// <summary>
/// How PhaseFlow's JSON stays readable across versions. Two rules: a member added later as an optional constructor
/// parameter is left out while it has its default value (so an event that does not use it is written exactly as
/// before, and older nodes read it); and a renamed member is still read under its old name.
/// </summary>
internal static class WireCompatibility
{
    /// <summary>Members renamed since they were first written: type, old JSON name, new JSON name.</summary>
    private static readonly (Type Type, string OldName, string NewName)[] Renamed =
    [
        (typeof(TaskAccepted), "planFingerprint", "typeVersion"),
        (typeof(TaskStatusView), "planFingerprint", "typeVersion"),
    ];

    /// <summary>Applies both rules to options that are not read-only yet.</summary>
    /// <param name="options">The serializer's options.</param>
    public static void Apply(JsonSerializerOptions options)
    {
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(OmitOptionalMembersAtDefault);
        options.Converters.Add(new RenamedMembersConverterFactory());
    }

    private static void OmitOptionalMembersAtDefault(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var optional = typeInfo.Type.GetConstructors()
            .SelectMany(c => c.GetParameters())
            .Where(p => p.HasDefaultValue && p.Name is not null)
            .ToDictionary(p => p.Name!, p => p.DefaultValue, StringComparer.OrdinalIgnoreCase);
        foreach (var property in typeInfo.Properties)
        {
            if (property.AttributeProvider is PropertyInfo member && optional.TryGetValue(member.Name, out var defaultValue))
            {
                property.ShouldSerialize = (_, value) => !Equals(value, defaultValue);
            }
        }
    }

    /// <summary>Reads a type with renamed members: the old name is moved to the new one before binding.</summary>
    private sealed class RenamedMembersConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => Renamed.Any(r => r.Type == typeToConvert);

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
        {
            // The same options minus this factory, so binding the renamed object does not come back here.
            var inner = new JsonSerializerOptions(options);
            var self = inner.Converters.OfType<RenamedMembersConverterFactory>().Single();
            inner.Converters.Remove(self);
            var renames = Renamed.Where(r => r.Type == typeToConvert).Select(r => (r.OldName, r.NewName)).ToArray();
            return (JsonConverter)Activator.CreateInstance(typeof(RenamedMembersConverter<>).MakeGenericType(typeToConvert), inner, renames)!;
        }
    }

    private sealed class RenamedMembersConverter<T>(JsonSerializerOptions inner, (string OldName, string NewName)[] renames) : JsonConverter<T>
    {
        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (JsonNode.Parse(ref reader) is not JsonObject json)
            {
                throw new JsonException($"A {typeof(T).Name} must be a JSON object.");
            }

            foreach (var (oldName, newName) in renames)
            {
                if (json.ContainsKey(oldName) && !json.ContainsKey(newName))
                {
                    var value = json[oldName];
                    json.Remove(oldName);
                    json[newName] = value;
                }
            }

            return json.Deserialize<T>(inner);
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => JsonSerializer.Serialize(writer, value, inner);
    }
}
