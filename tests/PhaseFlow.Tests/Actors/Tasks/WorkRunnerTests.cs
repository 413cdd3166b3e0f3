using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PhaseFlow.Actors.Observability;
using PhaseFlow.Actors.Tasks;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Actors.Tasks;

/// <summary>How an attempt's end becomes an error a person can read: cancelled, timed out, or cancelled by the body's own code.</summary>
public sealed class WorkRunnerTests
{
    [Fact]
    public async Task RunAttemptAsync_TaskCancelledWhileTheBodyWaits_SaysThePhaseWasCancelled()
    {
        using var stop = new CancellationTokenSource();
        var phase = Phase.Run("wait", async context => await Task.Delay(Timeout.Infinite, context.CancellationToken));

        var running = Run(phase, stop.Token);
        await stop.CancelAsync();
        var failed = Assert.IsType<AttemptOutcome.Failed>((await running).Outcome);

        Assert.Equal(TaskError.Of("Cancelled", "Phase 'wait' attempt 1 stopped because the task was cancelled."), failed.Error);
        Assert.False(failed.RetryWanted);
    }

    [Fact]
    public async Task RunAttemptAsync_TimedOut_SaysSoWithoutTheBodysCancellationAsItsCause()
    {
        var phase = Phase.Run("slow", async context => await Task.Delay(Timeout.Infinite, context.CancellationToken)).WithTimeout(TimeSpan.FromMilliseconds(50));

        var failed = Assert.IsType<AttemptOutcome.Failed>((await Run(phase, CancellationToken.None)).Outcome);

        Assert.StartsWith("Phase 'slow' attempt 1 timed out after 00:00:00.05", failed.Error.Message, StringComparison.Ordinal);
        Assert.Null(failed.Error.Inner);
        Assert.DoesNotContain("A task was canceled", Flatten(failed.Error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAttemptAsync_BodyCancelledByItsOwnToken_SaysWhoCancelledIt()
    {
        using var own = new CancellationTokenSource();
        await own.CancelAsync();
        var phase = Phase.Run("call", async _ => await Task.Delay(Timeout.Infinite, own.Token));

        var failed = Assert.IsType<AttemptOutcome.Failed>((await Run(phase, CancellationToken.None)).Outcome);

        Assert.StartsWith(
            "Phase 'call' attempt 1 was cancelled by its own code, not by a cancel of the task or by the phase's timeout",
            failed.Error.Message,
            StringComparison.Ordinal);
        Assert.NotNull(failed.Error.StackTrace);
    }

    [Fact]
    public async Task RunAttemptAsync_WhatTheBodyLogs_CarriesTheTaskIdInScope_AndNothingOutsideDoes()
    {
        var capture = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(logging => logging.AddProvider(capture));
        var userLogger = factory.CreateLogger("UserTasks");
        var phase = Phase.Run("logs", _ =>
        {
            userLogger.LogInformation("copying files");
            return Task.CompletedTask;
        });

        var outcome = await WorkRunner.RunAttemptAsync(
            phase,
            runId: 1,
            attempt: 1,
            CancellationToken.None,
            TimeProvider.System,
            () => { },
            token => new PhaseContext("scoped-1", 0, phase.Name, 1, new object(), new PhaseOutputs(() => []), _ => { }, token),
            new TaskTelemetry("scoped-1", "test", null, factory.CreateLogger("PhaseFlow.Tasks")),
            index: 0);
        userLogger.LogInformation("after the phase");

        Assert.IsType<AttemptOutcome.Completed>(outcome.Outcome);
        var entries = capture.Entries.ToList();
        Assert.Equal("scoped-1", Assert.Single(entries, e => e.Message == "copying files").Scope["TaskId"]);
        Assert.False(Assert.Single(entries, e => e.Message == "after the phase").Scope.ContainsKey("TaskId"));
    }

    private static Task<TaskSignal.AttemptFinished> Run(Phase phase, CancellationToken stopped) =>
        WorkRunner.RunAttemptAsync(
            phase,
            runId: 1,
            attempt: 1,
            stopped,
            TimeProvider.System,
            () => { },
            token => new PhaseContext("t", 0, phase.Name, 1, new object(), new PhaseOutputs(() => []), _ => { }, token),
            new TaskTelemetry("t", "test", null, NullLogger.Instance),
            index: 0);

    private static string Flatten(TaskError? error) => error is null ? string.Empty : $"{error.Message} {Flatten(error.Inner)}";
}
