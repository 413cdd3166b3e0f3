using System.Runtime.Serialization;
using System.Text;
using Akka.Actor;
using Akka.Configuration;
using PhaseFlow.Actors.Persistence;
using PhaseFlow.Actors.Serialization;
using PhaseFlow.Contracts;
using Xunit;

namespace PhaseFlow.Tests.Actors.Serialization;

public sealed class PhaseFlowSerializerTests : IDisposable
{
    private static readonly string GoldenFolder = Path.Combine(AppContext.BaseDirectory, "Actors", "Serialization", "Golden");
    private readonly ActorSystem _system = ActorSystem.Create("serialization", ConfigurationFactory.ParseString("akka.actor.provider = local").WithFallback(PhaseFlowHocon.Load()));

    public static TheoryData<string> Manifests() => [.. PhaseFlowManifests.All.Select(e => e.Manifest)];

    [Fact]
    public void Manifests_CoverEveryMessageType()
    {
        var messageTypes = new[] { typeof(IPhaseFlowMessage).Assembly, typeof(PhaseFlowSerializer).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => typeof(IPhaseFlowMessage).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .OrderBy(t => t.FullName)
            .ToList();

        Assert.Equal(messageTypes, PhaseFlowManifests.All.Select(e => e.Type).OrderBy(t => t.FullName));
        Assert.Equal(PhaseFlowManifests.All.Count, PhaseFlowManifests.All.Select(e => e.Manifest).Distinct().Count());
        Assert.Equal(messageTypes.OrderBy(t => t.FullName), MessageSamples.All.Select(m => m.GetType()).OrderBy(t => t.FullName));
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Serialize_EveryMessage_GoesThroughPhaseFlowSerializerAndRoundTrips(string manifest)
    {
        var sample = Sample(manifest);
        var serializer = _system.Serialization.FindSerializerFor(sample);

        var bytes = serializer.ToBinary(sample);
        var back = _system.Serialization.Deserialize(bytes, serializer.Identifier, manifest);

        Assert.IsType<PhaseFlowSerializer>(serializer);
        Assert.Equal(PhaseFlowSerializer.Id, serializer.Identifier);
        Assert.Equal(sample.GetType(), back.GetType());
        Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(serializer.ToBinary(back)));
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Deserialize_StoredGoldenPayload_StillReadsTheSameMessage(string manifest)
    {
        var sample = Sample(manifest);
        var serializer = (PhaseFlowSerializer)_system.Serialization.FindSerializerFor(sample);
        var goldenFile = Path.Combine(GoldenFolder, $"{manifest}.json");
        if (Environment.GetEnvironmentVariable("PHASEFLOW_WRITE_GOLDEN") is { Length: > 0 } sourceFolder)
        {
            // Only for a new manifest: writes its golden file into the source tree. Never rewrite an existing one.
            var target = Path.Combine(sourceFolder, $"{manifest}.json");
            if (!File.Exists(target))
            {
                File.WriteAllText(target, Encoding.UTF8.GetString(serializer.ToBinary(sample)) + "\n");
                File.Copy(target, goldenFile, overwrite: true);
            }
        }

        var golden = File.ReadAllText(goldenFile).TrimEnd('\n');

        var fromGolden = serializer.FromBinary(Encoding.UTF8.GetBytes(golden), manifest);

        Assert.Equal(golden, Encoding.UTF8.GetString(serializer.ToBinary(fromGolden)));
        Assert.Equal(golden, Encoding.UTF8.GetString(serializer.ToBinary(sample)));
    }

    public static TheoryData<string> LegacyPayloads() => [.. LegacySamples.All.Keys];

    /// <summary>Payloads as earlier versions wrote them (renamed or not-yet-existing members) still read as the same message.</summary>
    [Theory]
    [MemberData(nameof(LegacyPayloads))]
    public void Deserialize_LegacyGoldenPayload_ReadsAsTheMessageItWasWrittenFor(string file)
    {
        var expected = LegacySamples.All[file];
        var manifest = file[..file.IndexOf('.', StringComparison.Ordinal)];
        var serializer = (PhaseFlowSerializer)_system.Serialization.FindSerializerFor(expected);
        var legacy = File.ReadAllText(Path.Combine(GoldenFolder, "Legacy", $"{file}.json")).TrimEnd('\n');

        var read = serializer.FromBinary(Encoding.UTF8.GetBytes(legacy), manifest);

        Assert.Equal(PhaseFlowManifests.Of(expected.GetType()), manifest);
        Assert.Equal(Encoding.UTF8.GetString(serializer.ToBinary(expected)), Encoding.UTF8.GetString(serializer.ToBinary(read)));
    }

    [Fact]
    public void Serialize_OptionalMemberAtItsDefault_IsLeftOutSoOlderNodesReadTheSameBytes()
    {
        var serializer = (PhaseFlowSerializer)_system.Serialization.FindSerializerFor(new PhaseFlow.Contracts.Queries.TaskNotFound("x"));
        var legacy = File.ReadAllText(Path.Combine(GoldenFolder, "Legacy", "E-PS.v1.json")).TrimEnd('\n');

        var written = Encoding.UTF8.GetString(serializer.ToBinary(LegacySamples.All["E-PS.v1"]));

        Assert.Equal(legacy, written);
    }

    [Fact]
    public void Serialize_UnregisteredType_FailsInsteadOfFallingBackToNewtonsoft()
    {
        var error = Assert.Throws<SerializationException>(() => _system.Serialization.FindSerializerFor(new NotAPhaseFlowMessage("x")));

        Assert.Contains(nameof(NotAPhaseFlowMessage), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_UnknownManifest_FailsNamingIt()
    {
        var serializer = (PhaseFlowSerializer)_system.Serialization.FindSerializerFor(new PhaseFlow.Contracts.Queries.TaskNotFound("x"));

        var error = Assert.Throws<SerializationException>(() => serializer.FromBinary("{}"u8.ToArray(), "C-FUTURE"));

        Assert.StartsWith("Unknown PhaseFlow manifest 'C-FUTURE'", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));

    private static object Sample(string manifest) => MessageSamples.All.Single(m => PhaseFlowManifests.Of(m.GetType()) == manifest);

    private sealed record NotAPhaseFlowMessage(string Value);
}
