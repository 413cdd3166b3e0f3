namespace PhaseFlow.Host.Cli;

/// <summary>A follower has lost its node and is reconnecting.</summary>
/// <param name="Since">When the node stopped answering.</param>
/// <param name="Reason">The latest failure, in words.</param>
/// <param name="GiveUpAt">When the follower stops trying.</param>
internal sealed record ConnectionTrouble(DateTimeOffset Since, string Reason, DateTimeOffset GiveUpAt);
