using System.Text.Json;
using System.Text.Json.Serialization;

namespace PhaseFlow.Contracts;

/// <summary>
/// The one set of JSON rules PhaseFlow uses for task inputs, phase outputs and the journal,
/// so an input binds and an output reads back the same way on every node and after every restart.
/// </summary>
public static class PhaseFlowJson
{
    /// <summary>
    /// Gets the shared options: camelCase names, enums as strings, nullable annotations and required
    /// constructor parameters respected, and unknown properties rejected (a typo in an input is an error, not a silent default).
    /// </summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNameCaseInsensitive = false,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
