using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.Serialization;

namespace PhaseFlow.Actors.Serialization;

/// <summary>
/// Serialises every <see cref="Contracts.IPhaseFlowMessage"/> as UTF-8 JSON (System.Text.Json) under a short,
/// stable manifest. It is bound to that one root interface; Akka's unregistered-type fallback is switched off,
/// so a message type nobody registered fails loudly instead of being written by Newtonsoft.
/// </summary>
/// <remarks>
/// An event (manifest <c>E-…</c>) that cannot be read comes back as an <see cref="UnreadableEvent"/> instead of an
/// exception, so one bad journal entry cannot stop everything that reads the journal after it. Events are read
/// strictly: a member without a default value must be present, and a member that is not nullable must not be null,
/// so a damaged payload is caught here rather than turning into nulls deeper down. A nullable member may be absent
/// (nulls are not written), and so may a member that has a default value (how events grow). Any other message that
/// cannot be read still throws.
/// </remarks>
public sealed partial class PhaseFlowSerializer : SerializerWithStringManifest
{
    /// <summary>The serializer id written next to each payload. Never change it.</summary>
    public const int Id = 4_701;

    private static readonly JsonSerializerOptions Json = CreateOptions(strict: false);
    private static readonly JsonSerializerOptions EventJson = CreateOptions(strict: true);

    /// <summary>Initializes the serializer.</summary>
    /// <param name="system">The actor system.</param>
    public PhaseFlowSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <inheritdoc/>
    public override int Identifier => Id;

    /// <inheritdoc/>
    public override string Manifest(object o) => PhaseFlowManifests.Of(Writable(o).GetType());

    /// <inheritdoc/>
    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, Writable(obj).GetType(), Json);

    /// <inheritdoc/>
    /// <returns>The message; for an event manifest, an <see cref="UnreadableEvent"/> when the payload cannot be read.</returns>
    /// <exception cref="SerializationException">A message that is not an event cannot be read.</exception>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!PhaseFlowManifests.IsEvent(manifest))
        {
            return JsonSerializer.Deserialize(bytes, PhaseFlowManifests.TypeOf(manifest), Json)
                ?? throw new SerializationException($"PhaseFlow payload with manifest '{manifest}' is JSON null.");
        }

        if (!PhaseFlowManifests.TryGetType(manifest, out var type))
        {
            return new UnreadableEvent(manifest, $"unknown event manifest '{manifest}': it was written by a newer or different version of PhaseFlow");
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, type, EventJson)
                ?? new UnreadableEvent(manifest, "the payload is JSON null");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // InvalidOperationException: text that is not UTF-8; ArgumentException: a record's own check refused a value.
            return new UnreadableEvent(manifest, $"the payload is not a valid {manifest} event: {Describe(e)}");
        }
    }

    private static object Writable(object obj) => obj is UnreadableEvent unreadable
        ? throw new SerializationException(
            $"An unreadable event (manifest '{unreadable.Manifest}') only stands in for a journal entry that cannot be read; it is never written.")
        : obj;

    /// <summary>Says what was wrong, naming PhaseFlow's types by their short names (operators read this in logs).</summary>
    private static string Describe(Exception e)
    {
        const int MaxLength = 300;
        var text = PhaseFlowTypeName().Replace(e.Message, "$1")
            .Replace(" Consider updating its nullability annotation.", string.Empty, StringComparison.Ordinal);
        return text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength), "…");
    }

    private static JsonSerializerOptions CreateOptions(bool strict)
    {
        // Lenient on unknown members: an older node must still read an event a newer one extended at the end.
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        if (strict)
        {
            options.RespectNullableAnnotations = true;
            options.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { RequireMembersWithoutDefault } };
        }

        WireCompatibility.Apply(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>
    /// Makes a constructor parameter required when it is neither nullable nor has a default value. (STJ's own
    /// RespectRequiredConstructorParameters would also require nullable ones, which are absent when they were null.)
    /// </summary>
    private static void RequireMembersWithoutDefault(JsonTypeInfo info)
    {
        foreach (var property in info.Properties)
        {
            if (property.AssociatedParameter is { HasDefaultValue: false, IsNullable: false })
            {
                property.IsRequired = true;
            }
        }
    }

    [GeneratedRegex(@"PhaseFlow\.(?:\w+\.)*(\w+)")]
    private static partial Regex PhaseFlowTypeName();
}
