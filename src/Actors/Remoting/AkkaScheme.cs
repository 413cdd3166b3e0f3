namespace PhaseFlow.Actors.Remoting;

/// <summary>The scheme of a PhaseFlow node's Akka address, which says whether its remoting uses TLS.</summary>
internal static class AkkaScheme
{
    /// <summary>Plain TCP: <c>akka.tcp://phaseflow@HOST:PORT</c>.</summary>
    public const string Plain = "akka.tcp";

    /// <summary>TLS over TCP (Akka.Remote's DotNetty transport with SSL on): <c>akka.ssl.tcp://phaseflow@HOST:PORT</c>.</summary>
    public const string Tls = "akka.ssl.tcp";

    /// <summary>Gets the scheme of every address in a cluster with or without TLS.</summary>
    /// <param name="tls">Whether node-to-node TLS is on.</param>
    /// <returns><see cref="Tls"/> or <see cref="Plain"/>.</returns>
    public static string For(bool tls) => tls ? Tls : Plain;
}
