using Akka.Actor.Setup;
using Microsoft.Extensions.Logging;

namespace PhaseFlow.Actors.Hosting;

/// <summary>Hands the host's <see cref="ILoggerFactory"/> to <see cref="PhaseFlowLogger"/>, which Akka creates without arguments.</summary>
/// <param name="loggerFactory">The host's logger factory.</param>
internal sealed class PhaseFlowLoggingSetup(ILoggerFactory loggerFactory) : Setup
{
    /// <summary>Gets the host's logger factory.</summary>
    public ILoggerFactory LoggerFactory { get; } = loggerFactory;
}
