namespace PhaseFlow.Bench;

/// <summary>What the phases of a bench task do.</summary>
internal enum BenchMode
{
    /// <summary>Every phase returns at once.</summary>
    Noop,

    /// <summary>The first phase waits until its node's probe releases it: a running task.</summary>
    Hold,

    /// <summary>The first phase fails and its retry is due in an hour: an idle task its shard remembers.</summary>
    Idle,
}
