namespace PhaseFlow.Tests.Fixtures;

/// <summary>A request <see cref="FakePhaseFlowServer"/> received.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, string LastEventId, string Body);
