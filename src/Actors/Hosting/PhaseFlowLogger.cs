using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PhaseFlow.Actors.Observability;
using AkkaLogLevel = Akka.Event.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace PhaseFlow.Actors.Hosting;

/// <summary>
/// Akka's logger for a PhaseFlow node: writes each log event to the host's <see cref="ILoggerFactory"/> under the
/// category of the class that logged it (<c>PhaseFlow.Actors.Tasks.TaskActor</c>, <c>Akka.Cluster…</c>).
/// </summary>
/// <remarks>
/// Akka.Hosting's logger writes every event under one category, <c>Akka.Actor.ActorSystem</c>, so the host could not
/// keep PhaseFlow's own lines while quietening Akka's; with the class's category, ordinary logging filters can.
/// </remarks>
internal sealed class PhaseFlowLogger : ActorBase, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    private readonly ILoggerFactory _factory;
    private readonly Dictionary<Type, ILogger> _loggers = [];

    /// <summary>Initializes the logger with the factory of <see cref="PhaseFlowLoggingSetup"/>; without one it discards events.</summary>
    public PhaseFlowLogger()
    {
        var setup = Context.System.Settings.Setup.Get<PhaseFlowLoggingSetup>();
        _factory = setup.HasValue ? setup.Value.LoggerFactory : NullLoggerFactory.Instance;
    }

    /// <inheritdoc/>
    protected override bool Receive(object message)
    {
        switch (message)
        {
            case InitializeLogger:
                Sender.Tell(new LoggerInitialized());
                return true;
            case LogEvent logEvent:
                Write(logEvent);
                return true;
            default:
                return false;
        }
    }

    private static LogLevel LevelOf(AkkaLogLevel level) => level switch
    {
        AkkaLogLevel.DebugLevel => LogLevel.Debug,
        AkkaLogLevel.InfoLevel => LogLevel.Information,
        AkkaLogLevel.WarningLevel => LogLevel.Warning,
        _ => LogLevel.Error,
    };

    private void Write(LogEvent logEvent)
    {
        var type = logEvent.LogClass ?? typeof(ActorSystem);
        if (!_loggers.TryGetValue(type, out var logger))
        {
            // Akka's events logged under a plain string source (remoting, the cluster) carry a placeholder class; "Akka" says more.
            logger = _loggers[type] = _factory.CreateLogger(type.Name == "DummyClassForStringSources" ? "Akka" : type.FullName ?? type.Name);
        }

        var level = LevelOf(logEvent.LogLevel());
        if (!logger.IsEnabled(level))
        {
            return;
        }

        // PhaseFlow's own lines say what they are about; Akka's read better with where they come from (an actor, "Cluster").
        if (type.Namespace?.StartsWith("PhaseFlow", StringComparison.Ordinal) == true)
        {
            using var scope = TaskLogScope.FromSource(logEvent.LogSource) is { } task ? logger.BeginScope(task) : null;
            logger.Log(level, logEvent.Cause, "{Message}", logEvent.Message);
        }
        else
        {
            logger.Log(level, logEvent.Cause, "[{LogSource}] {Message}", logEvent.LogSource, logEvent.Message);
        }
    }
}
