using System.Text.Json;

namespace PhaseFlow.Contracts.Authoring;

/// <summary>A phase that finished, as the journal recorded it.</summary>
/// <param name="Index">The 0-based position of the phase in the plan.</param>
/// <param name="Name">The phase's stable name.</param>
/// <param name="OutputJson">The recorded output as JSON, or <see langword="null"/> for a phase without output.</param>
public sealed record CompletedPhase(int Index, string Name, string? OutputJson)
{
    /// <summary>Reads the recorded output as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The type the phase returned (or a compatible one).</typeparam>
    /// <returns>The output, or <see langword="default"/> when the phase had none.</returns>
    /// <exception cref="JsonException">The recorded output does not fit <typeparamref name="T"/>.</exception>
    public T? OutputAs<T>() => OutputJson is null ? default : JsonSerializer.Deserialize<T>(OutputJson, PhaseFlowJson.Options);
}
