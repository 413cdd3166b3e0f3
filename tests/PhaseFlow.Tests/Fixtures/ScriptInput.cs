namespace PhaseFlow.Tests.Fixtures;

public sealed record ScriptInput(string Script);
