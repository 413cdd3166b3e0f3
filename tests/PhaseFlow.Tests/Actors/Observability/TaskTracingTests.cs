using System.Diagnostics;
using Akka.Actor;
using OpenTelemetry;
using OpenTelemetry.Trace;
using PhaseFlow.Actors.Observability;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Actors.Observability;

/// <summary>
/// The spans of a task's work, read through OpenTelemetry's in-memory exporter: one per phase attempt, undo and revert,
/// each a child of the submission's trace context, also when the work runs after a crash of the node.
/// </summary>
public sealed class TaskTracingTests : PhaseFlowTestKit
{
    private static readonly ActivitySource Submitter = new("PhaseFlow.Tests.Submitter");
    private readonly List<Activity> _spans = [];
    private readonly TracerProvider _tracing;

    public TaskTracingTests(ITestOutputHelper output)
        : base(output)
    {
        _tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(PhaseFlowTelemetry.SourceName, Submitter.Name)
            .AddInMemoryExporter(_spans)
            .Build()!;
    }

    [Fact]
    public async Task PhaseSpans_AfterACrashInTheMiddle_AreAllChildrenOfTheSubmission()
    {
        var script = new Script(Runs, phases: 3);
        var gate = script.Close(GatePoint.BeforeEffect, 1);
        var submission = SubmissionSpan();

        var first = TaskNode.Start(Database);
        await Submit(first, "traced", script, submission.Id);
        await gate.Reached.WaitAsync(Patience);
        await first.Abort();
        var crashedAt = DateTime.UtcNow;
        script.OpenAll();

        await using var second = TaskNode.Start(Database);
        await WaitForState(second, "traced", TaskLifecycleState.Succeeded);
        var attempts = await SpansOf("traced", "attempt", count: 3, s => s.GetTagItem(TaskTelemetryNames.PhaseIndex) is 2);

        Assert.All(attempts, span =>
        {
            Assert.Equal(submission.TraceId, span.TraceId);
            Assert.Equal(submission.SpanId, span.ParentSpanId);
            Assert.Equal(ScriptedTask.Name, span.GetTagItem(TaskTelemetryNames.TaskType));
            Assert.Equal($"phase {span.GetTagItem(TaskTelemetryNames.PhaseName)}", span.DisplayName);
        });

        // Phases 1 and 2 ran in the second actor system, after the crash: their spans still join the submission's trace.
        var afterCrash = attempts.Where(s => s.StartTimeUtc >= crashedAt && s.GetTagItem(TaskTelemetryNames.Outcome) is TaskTelemetry.Completed).ToList();
        Assert.Equal([1, 2], afterCrash.Select(s => (int)s.GetTagItem(TaskTelemetryNames.PhaseIndex)!).Order());
    }

    [Fact]
    public async Task FailedAttempt_RecordsItsErrorAndException_AndTheUndosHaveSpansOfTheirOwn()
    {
        var script = new Script(Runs, phases: 3) { Failure = (i, _) => i == 2 ? new InvalidOperationException("disk full") : null };
        var submission = SubmissionSpan();

        await using var node = TaskNode.Start(Database);
        await Submit(node, "fails", script, submission.Id);
        await WaitForState(node, "fails", TaskLifecycleState.Reverted);

        var attempts = await SpansOf("fails", "attempt", count: 3, s => s.GetTagItem(TaskTelemetryNames.PhaseIndex) is 2);
        var failed = Assert.Single(attempts, s => s.GetTagItem(TaskTelemetryNames.PhaseIndex) is 2);
        Assert.All(attempts.Except([failed]), s => Assert.Equal(ActivityStatusCode.Unset, s.Status));
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Equal("disk full", failed.StatusDescription);
        Assert.Equal(TaskTelemetry.Failed, failed.GetTagItem(TaskTelemetryNames.Outcome));
        var exception = Assert.Single(failed.Events, e => e.Name == "exception");
        Assert.Contains(exception.Tags, t => t.Key == "exception.message" && (string?)t.Value == "disk full");

        // The failed phase's undo first (it may have run partly), then the completed ones, newest first.
        var undos = await SpansOf("fails", "undo", count: 3, s => s.GetTagItem(TaskTelemetryNames.PhaseIndex) is 0);
        Assert.Equal([2, 1, 0], undos.OrderBy(s => s.StartTimeUtc).Select(s => (int)s.GetTagItem(TaskTelemetryNames.PhaseIndex)!));
        Assert.All(undos, span =>
        {
            Assert.Equal(submission.TraceId, span.TraceId);
            Assert.Equal(TaskTelemetry.Completed, span.GetTagItem(TaskTelemetryNames.Outcome));
        });
    }

    [Fact]
    public async Task AttemptPastItsTimeout_AndOneStoppedByACancel_SayHowTheyEndedOnTheirSpans()
    {
        // One task's only phase waits for its token past a 200 ms timeout; the other's phase 1 is held at a gate when the task is cancelled.
        var timeout = new Script(Runs, phases: 1) { Timeout = _ => TimeSpan.FromMilliseconds(200), WaitsForTimeout = (_, _) => true };
        var cancelled = new Script(Runs, phases: 2);
        var held = cancelled.Close(GatePoint.BeforeEffect, 1);

        await using var node = TaskNode.Start(Database);
        await Submit(node, "times-out", timeout, SubmissionSpan().Id);
        await Submit(node, "cancelled", cancelled, SubmissionSpan().Id);
        await held.Reached.WaitAsync(Patience);
        await node.Cancel("cancelled");
        await WaitForState(node, "times-out", TaskLifecycleState.Reverted);
        await WaitForState(node, "cancelled", TaskLifecycleState.Reverted);

        var late = Assert.Single(await SpansOf("times-out", "attempt", count: 1, _ => true));
        Assert.Equal(TaskTelemetry.TimedOut, late.GetTagItem(TaskTelemetryNames.Outcome));
        Assert.Equal(ActivityStatusCode.Error, late.Status);
        var stopped = Assert.Single(await SpansOf("cancelled", "attempt", count: 2, s => s.GetTagItem(TaskTelemetryNames.PhaseIndex) is 1), s => s.GetTagItem(TaskTelemetryNames.PhaseIndex) is 1);
        Assert.Equal(TaskTelemetry.Cancelled, stopped.GetTagItem(TaskTelemetryNames.Outcome));
    }

    [Fact]
    public async Task CustomRevert_ThatFails_HasASpanWithTheError_InTheSubmissionsTrace()
    {
        var script = new Script(Runs, phases: 2)
        {
            Failure = (i, _) => i == 1 ? new InvalidOperationException("quota exceeded") : null,
            UndoFailure = i => i == -1 ? new IOException("volume is gone") : null,
        };
        var submission = SubmissionSpan();

        await using var node = TaskNode.Start(Database);
        var reply = await node.Task("own-revert").Ask<ICommandReply>(new SubmitTask("own-revert", ScriptedCustomRevertTask.Name, script.InputJson, submission.Id), Patience);
        Assert.IsType<TaskSubmitted>(reply);
        await WaitForState(node, "own-revert", TaskLifecycleState.RevertFailed);

        var revert = Assert.Single(await SpansOf("own-revert", "revert", count: 1, _ => true));
        Assert.Equal($"revert {ScriptedCustomRevertTask.Name}", revert.DisplayName);
        Assert.Equal(submission.TraceId, revert.TraceId);
        Assert.Equal(ActivityStatusCode.Error, revert.Status);
        Assert.Equal("volume is gone", revert.StatusDescription);
        Assert.Equal(TaskTelemetry.Failed, revert.GetTagItem(TaskTelemetryNames.Outcome));
    }

    [Fact]
    public async Task Submission_WithoutATraceParent_StartsATraceOfItsOwnPerAttempt()
    {
        var script = new Script(Runs, phases: 2);

        // An ambient span on the submitting thread is not a trace context the task was given: it must not be adopted.
        using (Submitter.StartActivity("unrelated"))
        {
            await using var node = TaskNode.Start(Database);
            await Submit(node, "untraced", script, traceParent: null);
            await WaitForState(node, "untraced", TaskLifecycleState.Succeeded);
        }

        var attempts = await SpansOf("untraced", "attempt", count: 2, s => s.GetTagItem(TaskTelemetryNames.PhaseIndex) is 1);
        Assert.All(attempts, span => Assert.Equal(default, span.ParentSpanId));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _tracing.Dispose();
        }

        base.Dispose(disposing);
    }

    private static Activity SubmissionSpan()
    {
        var span = Submitter.StartActivity("submit", ActivityKind.Producer) ?? throw new InvalidOperationException("The test's tracer provider does not listen.");
        span.Stop();
        return span;
    }

    private static async Task Submit(TaskNode node, string taskId, Script script, string? traceParent)
    {
        var reply = await node.Task(taskId).Ask<ICommandReply>(new SubmitTask(taskId, ScriptedTask.Name, script.InputJson, traceParent), Patience);
        Assert.IsType<TaskSubmitted>(reply);
    }

    /// <summary>Waits until the exporter holds the task's spans of one kind of work, up to the one <paramref name="last"/> picks, and returns them.</summary>
    private async Task<List<Activity>> SpansOf(string taskId, string work, int count, Func<Activity, bool> last)
    {
        List<Activity> spans = [];
        await AwaitAssertAsync(
            () =>
            {
                _tracing.ForceFlush();
                lock (_spans)
                {
                    spans = [.. _spans.Where(s => s.GetTagItem(TaskTelemetryNames.TaskId) as string == taskId && s.GetTagItem(TaskTelemetryNames.Work) as string == work)];
                }

                Assert.True(spans.Count >= count && spans.Any(last), $"{spans.Count} '{work}' spans of {taskId} so far");
            },
            Patience,
            TimeSpan.FromMilliseconds(50));
        return spans;
    }
}
