namespace PhaseFlow.Host.Node;

/// <summary>How much the node logs (<c>--log-level</c>).</summary>
internal enum NodeLogLevel
{
    /// <summary>Errors only.</summary>
    Error,

    /// <summary>Warnings and errors, PhaseFlow's and Akka's.</summary>
    Warning,

    /// <summary>PhaseFlow's own lines (the ready line, tasks accepted and recovered), and warnings and errors of Akka and ASP.NET Core. The default.</summary>
    Info,

    /// <summary>Everything of <see cref="Info"/>, PhaseFlow's debug lines, and Akka's informational lines (remoting, membership, singletons, sharding).</summary>
    Debug,
}
