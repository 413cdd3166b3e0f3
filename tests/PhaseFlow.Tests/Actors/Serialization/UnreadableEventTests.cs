using System.Runtime.Serialization;
using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using PhaseFlow.Actors.Persistence;
using PhaseFlow.Actors.Serialization;
using PhaseFlow.Contracts.Events;
using Xunit;

namespace PhaseFlow.Tests.Actors.Serialization;

/// <summary>An event the serializer cannot read becomes an <see cref="UnreadableEvent"/>; nothing else changes.</summary>
public sealed class UnreadableEventTests : IDisposable
{
    private const string At = "\"at\":\"2026-11-27T10:30:15.123+00:00\"";
    private readonly ActorSystem _system = ActorSystem.Create("unreadable", ConfigurationFactory.ParseString("akka.actor.provider = local").WithFallback(PhaseFlowHocon.Load()));

    public static TheoryData<string, string, string> DamagedEvents() => new()
    {
        { "E-TA", "not json", "invalid JSON literal" },
        { "E-TA", "{\"taskId\":\"t-1\",", "$" },
        { "E-TA", "null", "the payload is JSON null" },
        { "E-PS", "{\"taskId\":\"t-1\",\"index\":0,\"attempt\":1," + At + "}", "missing required properties including: 'name'" },
        { "E-PS", "{\"taskId\":\"t-1\",\"name\":\"p\",\"attempt\":1," + At + "}", "missing required properties including: 'index'" },
        { "E-TA", "{\"taskId\":null,\"taskType\":\"mkdir\",\"inputJson\":\"{}\",\"planFingerprint\":\"mkdir@1\"," + At + "}", "'TaskId' on type 'TaskAccepted' doesn't allow null" },
        { "E-PS", "{\"taskId\":\"t-1\",\"index\":\"two\",\"name\":\"p\",\"attempt\":1," + At + "}", "could not be converted to PhaseStarted. Path: $.index" },
        { "E-RS", "{\"taskId\":\"t-1\",\"reason\":\"Forgotten\"," + At + "}", "$.reason" },
        { "E-TS", "{\"taskId\":\"t-1\",\"at\":\"yesterday\"}", "$.at" },
        { "E-PAF", "{\"taskId\":\"t-1\",\"index\":0,\"name\":\"p\",\"attempt\":1,\"error\":{\"message\":\"m\"}," + At + "}", "type 'TaskError' was missing required properties including: 'type'" },
        { "E-TS", "[1,2]", "$" },
    };

    /// <summary>Events as older versions wrote them: nullable members that were null are absent.</summary>
    public static TheoryData<string, string> EventsWithoutOptionalMembers() => new()
    {
        { "E-PC", "{\"taskId\":\"t-1\",\"index\":0,\"name\":\"p\"," + At + "}" },
        { "E-PAF", "{\"taskId\":\"t-1\",\"index\":0,\"name\":\"p\",\"attempt\":1,\"error\":{\"type\":\"X\",\"message\":\"m\"}," + At + "}" },
        { "E-RS", "{\"taskId\":\"t-1\",\"reason\":\"Cancelled\"," + At + "}" },
        { "E-RF", "{\"taskId\":\"t-1\",\"error\":{\"type\":\"X\",\"message\":\"m\"}," + At + "}" },
        { "E-TSU", "{\"taskId\":\"t-1\",\"error\":{\"type\":\"X\",\"message\":\"m\"},\"unknownLaterMember\":1," + At + "}" },
    };

    [Theory]
    [MemberData(nameof(DamagedEvents))]
    public void FromBinary_DamagedEventPayload_ReturnsUnreadableEventSayingWhy(string manifest, string payload, string expected)
    {
        var read = Serializer().FromBinary(Encoding.UTF8.GetBytes(payload), manifest);

        var unreadable = Assert.IsType<UnreadableEvent>(read);
        Assert.Equal(manifest, unreadable.Manifest);
        Assert.Contains(expected, unreadable.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("PhaseFlow.", unreadable.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBinary_EventTextThatIsNotUtf8_ReturnsUnreadableEvent()
    {
        var payload = Encoding.UTF8.GetBytes("{\"taskId\":\"t-1\"," + At + "}");
        payload[12] = 0xFF;

        var read = Serializer().FromBinary(payload, "E-TS");

        Assert.Equal("E-TS", Assert.IsType<UnreadableEvent>(read).Manifest);
    }

    [Fact]
    public void FromBinary_UnknownEventManifest_ReturnsUnreadableEventNamingIt()
    {
        var read = Serializer().FromBinary("{\"taskId\":\"t-1\"}"u8.ToArray(), "E-FUTURE");

        var unreadable = Assert.IsType<UnreadableEvent>(read);
        Assert.Equal("E-FUTURE", unreadable.Manifest);
        Assert.Contains("unknown event manifest 'E-FUTURE'", unreadable.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EventsWithoutOptionalMembers))]
    public void FromBinary_EventWithoutNullableMembers_StillReads(string manifest, string payload)
    {
        var read = Serializer().FromBinary(Encoding.UTF8.GetBytes(payload), manifest);

        var @event = Assert.IsAssignableFrom<ITaskEvent>(read);
        Assert.Equal("t-1", @event.TaskId);
        Assert.Equal(payload.Replace(",\"unknownLaterMember\":1", string.Empty, StringComparison.Ordinal), Encoding.UTF8.GetString(Serializer().ToBinary(read)));
    }

    [Fact]
    public void FromBinary_DamagedPayloadThatIsNoEvent_StillThrows()
    {
        var serializer = Serializer();

        Assert.Throws<SerializationException>(() => serializer.FromBinary("null"u8.ToArray(), "C-SUB"));
        Assert.ThrowsAny<JsonException>(() => serializer.FromBinary("not json"u8.ToArray(), "C-SUB"));
    }

    [Fact]
    public void ToBinary_UnreadableEvent_IsRefused()
    {
        var unreadable = new UnreadableEvent("E-TA", "the payload is JSON null");

        var error = Assert.Throws<SerializationException>(() => Serializer().ToBinary(unreadable));
        Assert.Contains("never written", error.Message, StringComparison.Ordinal);
        Assert.Throws<SerializationException>(() => Serializer().Manifest(unreadable));

        // Nor is it bound to any serializer, so persisting one fails before it reaches the journal.
        Assert.ThrowsAny<SerializationException>(() => _system.Serialization.FindSerializerFor(unreadable));
    }

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));

    private PhaseFlowSerializer Serializer() => new((ExtendedActorSystem)_system);
}
