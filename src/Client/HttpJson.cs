using System.Text.Json;
using System.Text.Json.Serialization;
using PhaseFlow.Contracts;

namespace PhaseFlow.Client;

/// <summary>The JSON settings of <see cref="PhaseFlowHttpClient"/>.</summary>
internal static class HttpJson
{
    /// <summary>
    /// Gets the options for request bodies: the wire format of <see cref="PhaseFlowJson.Options"/> (camelCase, enums as
    /// strings), but absent optional members are left out rather than written as <c>null</c>.
    /// </summary>
    public static JsonSerializerOptions Write { get; } = Create(JsonIgnoreCondition.WhenWritingNull);

    /// <summary>
    /// Gets the options for response bodies. Unlike <see cref="PhaseFlowJson.Options"/> they accept members the client
    /// does not know, so a newer server that adds fields does not break an older client.
    /// </summary>
    public static JsonSerializerOptions Read { get; } = Create(JsonIgnoreCondition.Never);

    private static JsonSerializerOptions Create(JsonIgnoreCondition ignore)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = ignore };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
