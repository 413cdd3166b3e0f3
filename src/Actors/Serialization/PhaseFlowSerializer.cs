using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace PhaseFlow.Actors.Serialization;

/// <summary>
/// Serialises every <see cref="Contracts.IPhaseFlowMessage"/> as UTF-8 JSON (System.Text.Json) under a short,
/// stable manifest. It is bound to that one root interface; Akka's unregistered-type fallback is switched off,
/// so a message type nobody registered fails loudly instead of being written by Newtonsoft.
/// </summary>
public sealed class PhaseFlowSerializer : SerializerWithStringManifest
{
    /// <summary>The serializer id written next to each payload. Never change it.</summary>
    public const int Id = 4_701;

    private static readonly JsonSerializerOptions Json = CreateOptions();

    /// <summary>Initializes the serializer.</summary>
    /// <param name="system">The actor system.</param>
    public PhaseFlowSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <inheritdoc/>
    public override int Identifier => Id;

    /// <inheritdoc/>
    public override string Manifest(object o) => PhaseFlowManifests.Of(o.GetType());

    /// <inheritdoc/>
    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Json);

    /// <inheritdoc/>
    public override object FromBinary(byte[] bytes, string manifest) =>
        JsonSerializer.Deserialize(bytes, PhaseFlowManifests.TypeOf(manifest), Json)
        ?? throw new System.Runtime.Serialization.SerializationException($"PhaseFlow payload with manifest '{manifest}' is JSON null.");

    private static JsonSerializerOptions CreateOptions()
    {
        // Lenient on unknown members: an older node must still read an event a newer one extended at the end.
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        WireCompatibility.Apply(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
