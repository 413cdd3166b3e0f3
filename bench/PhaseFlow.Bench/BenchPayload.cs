using System.Text.Json;
using PhaseFlow.Contracts.Events;

namespace PhaseFlow.Bench;

/// <summary>A journal payload of the size the node writes: a <see cref="PhaseCompleted"/> event as JSON.</summary>
internal static class BenchPayload
{
    public static byte[] PhaseCompleted() => JsonSerializer.SerializeToUtf8Bytes(
        new PhaseCompleted("bench-00000", 3, "p3", null, DateTimeOffset.UnixEpoch),
        new JsonSerializerOptions(JsonSerializerDefaults.Web));
}
