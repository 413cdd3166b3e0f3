using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using static PhaseFlow.Tests.Fixtures.WireSamples;

namespace PhaseFlow.Tests.Host.Cli;

public sealed class WatchVerbTests
{
    // Running, phase 1 of 2 started at +1 s, so the snapshot's UpdatedAt is +1 s.
    private static readonly TaskResource RunningSnapshot = Task("t1", TaskLifecycleState.Running, 2, Phase(0, "inspect", PhaseLifecycleState.Running));

    private static readonly TaskChange[] SucceedingJournal =
    [
        PhaseChange(1, 0, "inspect", PhaseLifecycleState.Running, 1),
        PhaseChange(2, 0, "inspect", PhaseLifecycleState.Completed, 2),
        PhaseChange(3, 1, "mkdir /tmp/a", PhaseLifecycleState.Running, 3),
        PhaseChange(4, 1, "mkdir /tmp/a", PhaseLifecycleState.Completed, 4),
        StateChange(5, TaskLifecycleState.Succeeded, 5),
    ];

    private static Task<FakePhaseFlowServer> ServeAsync(TaskResource snapshot, Func<long, IEnumerable<TaskChange>> eventsAfter) =>
        FakePhaseFlowServer.StartAsync(app =>
        {
            app.MapGet("/tasks/{id}", (string id) => id == snapshot.Id
                ? FakePhaseFlowServer.Json(snapshot)
                : FakePhaseFlowServer.Problem(404, "Not Found", $"no task has id {id}"));
            app.MapGet("/tasks/{id}/events", (HttpContext context) =>
            {
                var lastEventId = long.TryParse(context.Request.Headers["Last-Event-ID"], out var last) ? last : 0;
                return FakePhaseFlowServer.WriteEventsAsync(context, string.Concat(eventsAfter(lastEventId).Select(FakePhaseFlowServer.Event)));
            });
        });

    [Fact]
    public async Task Watch_RedirectedOutputTaskSucceeds_PrintsOnePlainLinePerChangeAndExitsZero()
    {
        // The server replays the whole journal; what the snapshot already shows is not printed again.
        await using var server = await ServeAsync(RunningSnapshot, after => SucceedingJournal.Where(c => c.Sequence > after));

        var result = await CliRunner.RunAsync("watch", "t1", "--server", server.Url.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            [
                "task t1 type mkdir state Running",
                "phase 1/2 inspect Running",
                "phase 1/2 inspect Completed",
                "phase 2/2 mkdir /tmp/a Running",
                "phase 2/2 mkdir /tmp/a Completed",
                "state Succeeded",
            ],
            result.OutLines);
        Assert.DoesNotContain('\u001b', result.Out);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Watch_ParentWithChildren_PrintsTheChildrenLineWhenChildrenStartAndFinish()
    {
        // Phase 1 started three children: the first finished before the watch, the second runs, the third is not listed yet.
        var snapshot = Task("p", TaskLifecycleState.Running, 2, Phase(0, "children", PhaseLifecycleState.Running)) with
        {
            Phases = [Phase(0, "children", PhaseLifecycleState.Running) with { Waiting = ChildrenWait("p:1.1.1", "p:1.1.2", "p:1.1.3") }],
            Children =
            [
                new ChildTaskResource("p:1.1.1", 0, 1, TaskLifecycleState.Succeeded),
                new ChildTaskResource("p:1.1.2", 0, 1, TaskLifecycleState.Running),
                new ChildTaskResource("p:1.1.3", 0, 1, null),
            ],
        };
        TaskChange[] journal =
        [
            PhaseChange(1, 0, "children", PhaseLifecycleState.Running, 1) with { Waiting = ChildrenWait("p:1.1.1", "p:1.1.2", "p:1.1.3") },
            AwaitedChange(2, 0, "p:1.1.1", TaskLifecycleState.Succeeded, 2),
            AwaitedChange(3, 0, "p:1.1.2", TaskLifecycleState.Succeeded, 3),
            AwaitedChange(4, 0, "p:1.1.3", TaskLifecycleState.Succeeded, 4),
            PhaseChange(5, 0, "children", PhaseLifecycleState.Completed, 5),
            PhaseChange(6, 1, "more", PhaseLifecycleState.Running, 6) with { Waiting = ChildrenWait("p:2.1.1", "p:2.1.2") },
            AwaitedChange(7, 1, "p:2.1.1", null, 7, new ErrorResource("System.InvalidOperationException", "type 'nope' is not registered")),
            AwaitedChange(8, 1, "p:2.1.2", TaskLifecycleState.Succeeded, 8),

            // The task a phase waits for is not a child: it changes no count.
            AwaitedChange(9, 1, "someone-else", TaskLifecycleState.Succeeded, 9),
            PhaseChange(10, 1, "more", PhaseLifecycleState.Completed, 10),
            StateChange(11, TaskLifecycleState.Succeeded, 11),
        ];
        await using var server = await ServeAsync(snapshot, after => journal.Where(c => c.Sequence > after));

        var result = await CliRunner.RunAsync("watch", "p", "--server", server.Url.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            [
                "task p type mkdir state Running",
                "phase 1/2 children Running",
                "children 3 (1 succeeded, 2 not finished)",
                "children 3 (2 succeeded, 1 not finished)",
                "children 3 (3 succeeded)",
                "phase 1/2 children Completed",
                "phase 2/2 more Running",
                "children 5 (3 succeeded, 2 not finished)",
                "children 5 (3 succeeded, 1 not finished, 1 not started)",
                "children 5 (4 succeeded, 1 not started)",
                "phase 2/2 more Completed",
                "state Succeeded",
            ],
            result.OutLines);
        Assert.DoesNotContain("System.", result.Out, StringComparison.Ordinal);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Watch_TerminalParentWithChildren_ShowsTheChildrenLineUnderTheTable()
    {
        var snapshot = Task("p", TaskLifecycleState.Succeeded, 1, Phase(0, "children", PhaseLifecycleState.Completed)) with
        {
            Children = [new ChildTaskResource("p:1.1.1", 0, 1, TaskLifecycleState.Succeeded), new ChildTaskResource("p:1.1.2", 0, 1, TaskLifecycleState.Reverted)],
        };
        await using var server = await ServeAsync(snapshot, _ => []);

        var result = await CliRunner.RunAsync(["watch", "p", "--server", server.Url.ToString()], terminal: true);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("children 2 (1 succeeded, 1 reverted)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_StreamDropsMidway_ResumesWithLastEventIdWithoutRepeats()
    {
        // The first connection ends after event 2 although the task is still running: a dropped connection.
        await using var server = await ServeAsync(RunningSnapshot, after => SucceedingJournal.Where(c => c.Sequence > after).Take(2));

        var result = await CliRunner.RunAsync("watch", "t1", "--server", server.Url.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            ["", "2", "4"],
            server.Requests.Where(r => r.PathAndQuery.EndsWith("/events", StringComparison.Ordinal)).Select(r => r.LastEventId));
        Assert.Equal(6, result.OutLines.Length);
        Assert.Equal("state Succeeded", result.OutLines[^1]);
    }

    [Fact]
    public async Task Watch_StreamNeverFinishes_GivesUpWhenTheReconnectWindowHasPassedAndExitsOne()
    {
        await using var server = await ServeAsync(RunningSnapshot, _ => []);

        var result = await CliRunner.RunAsync("watch", "t1", "--server", server.Url.ToString(), "--reconnect-for", "1s");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: lost the event stream of task t1 for 1s (--reconnect-for 1s): the node kept closing", result.Error, StringComparison.Ordinal);
        Assert.Contains("`phaseflow watch t1` follows it again", result.Error, StringComparison.Ordinal);
        Assert.True(server.Requests.Count(r => r.PathAndQuery.EndsWith("/events", StringComparison.Ordinal)) > 2, "it gave up without reconnecting");
    }

    [Fact]
    public async Task Watch_NodeStopsAnsweringThenComesBack_SaysSoOnStandardErrorAndCarriesOn()
    {
        await using var server = await ServeWithOutageAsync(TimeSpan.FromMilliseconds(600));

        var result = await CliRunner.RunAsync("watch", "t1", "--server", server.Url.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("state Succeeded", result.OutLines[^1]);
        Assert.Equal(6, result.OutLines.Length);
        var notices = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, notices.Length);
        Assert.Matches(@"^reconnecting: the node stopped answering at \S+ \S+Z \(.*the node is starting.*\); trying until \S+ \S+Z$", notices[0]);
        Assert.Matches(@"^reconnected after \d+s$", notices[1]);
    }

    [Fact]
    public async Task Watch_TerminalWhileTheNodeIsDown_ShowsReconnectingInTheLiveView()
    {
        await using var server = await ServeWithOutageAsync(TimeSpan.FromSeconds(2.5));

        var result = await CliRunner.RunAsync(["watch", "t1", "--server", server.Url.ToString()], terminal: true);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("reconnecting: no answer from the node since", result.Out, StringComparison.Ordinal);
        Assert.Contains("Succeeded", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--reconnect-for", "soon", "--reconnect-for must be a whole number of seconds (90), or with a unit: 90s, 2m, 1h; got 'soon'")]
    [InlineData(null, "-5", "PHASEFLOW_RECONNECT_FOR must be a whole number of seconds (90), or with a unit: 90s, 2m, 1h; got '-5'")]
    public async Task Watch_ReconnectWindowNotADuration_SaysWhatIsAllowedAndExitsOne(string? flag, string value, string expected)
    {
        await using var server = await ServeAsync(RunningSnapshot, _ => []);
        string[] args = flag is null
            ? ["watch", "t1", "--server", server.Url.ToString()]
            : ["watch", "t1", "--server", server.Url.ToString(), flag, value];
        var variables = new Dictionary<string, string> { ["PHASEFLOW_RECONNECT_FOR"] = flag is null ? value : "90" };

        var result = await CliRunner.RunAsync(args, variables: variables);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: " + expected, result.Error.TrimEnd());
        Assert.Empty(server.Requests);
    }

    // The first event stream ends after two changes; then the node answers 503 (restarting) for a while, then recovers.
    private static Task<FakePhaseFlowServer> ServeWithOutageAsync(TimeSpan outage)
    {
        var down = new NodeOutage(outage);
        return FakePhaseFlowServer.StartAsync(app =>
        {
            app.MapGet("/tasks/{id}", () => down.IsDown
                ? FakePhaseFlowServer.Problem(503, "Service Unavailable", "the node is starting")
                : FakePhaseFlowServer.Json(RunningSnapshot));
            app.MapGet("/tasks/{id}/events", (HttpContext context) =>
            {
                var after = long.TryParse(context.Request.Headers["Last-Event-ID"], out var last) ? last : 0;
                var changes = SucceedingJournal.Where(c => c.Sequence > after);
                if (after == 0)
                {
                    down.Begin();
                    changes = changes.Take(2);
                }

                return FakePhaseFlowServer.WriteEventsAsync(context, string.Concat(changes.Select(FakePhaseFlowServer.Event)));
            });
        });
    }

    // A node that stops answering for a while once the first event stream has been served.
    private sealed class NodeOutage(TimeSpan length)
    {
        private long downUntilTicks;

        public bool IsDown => DateTimeOffset.UtcNow.UtcTicks < Interlocked.Read(ref downUntilTicks);

        public void Begin() => Interlocked.Exchange(ref downUntilTicks, (DateTimeOffset.UtcNow + length).UtcTicks);
    }

    [Theory]
    [InlineData(TaskLifecycleState.Reverted)]
    [InlineData(TaskLifecycleState.RevertFailed)]
    [InlineData(TaskLifecycleState.Suspended)]
    public async Task Watch_TaskEndsOtherThanSucceeded_ExitsTwo(TaskLifecycleState end)
    {
        var error = new ErrorResource("System.IO.IOException", "disk full");
        TaskChange[] journal =
        [
            PhaseChange(1, 0, "inspect", PhaseLifecycleState.Running, 1),
            new(2, TaskChangeKinds.Phase, null, 0, "inspect", PhaseLifecycleState.Failed, null, error, Created.AddSeconds(2)),
            StateChange(3, TaskLifecycleState.Reverting, 3, error),
            StateChange(4, end, 4),
        ];
        await using var server = await ServeAsync(RunningSnapshot, after => journal.Where(c => c.Sequence > after));

        var result = await CliRunner.RunAsync("watch", "t1", "--server", server.Url.ToString());

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            [
                "task t1 type mkdir state Running",
                "phase 1/2 inspect Running",
                "phase 1/2 inspect Failed: disk full",
                "state Reverting: disk full",
                $"state {end}: disk full",
            ],
            result.OutLines);
    }

    [Fact]
    public async Task Watch_PhaseCountUnknown_NumbersPhasesWithoutAGuessedTotal()
    {
        var snapshot = RunningSnapshot with { PhaseCount = null };
        await using var server = await ServeAsync(snapshot, after => SucceedingJournal.Where(c => c.Sequence > after));

        var result = await CliRunner.RunAsync("watch", "t1", "--server", server.Url.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("phase 1 inspect Running", result.OutLines[1]);
        Assert.Equal("phase 2 mkdir /tmp/a Running", result.OutLines[3]);
        Assert.DoesNotContain(result.OutLines, l => l.Contains('+', StringComparison.Ordinal));
    }

    [Fact]
    public async Task Watch_AttemptFailsAndIsRetried_PrintsEachLineOnce()
    {
        // A failed attempt with a retry due leaves the phase Running: it used to print "phase 1/2 inspect Running" again.
        var error = new ErrorResource("System.IO.IOException", "disk busy");
        TaskChange[] journal =
        [
            PhaseChange(1, 0, "inspect", PhaseLifecycleState.Running, 1),
            new(2, TaskChangeKinds.Phase, null, 0, "inspect", PhaseLifecycleState.Running, 1, error, Created.AddSeconds(2)),
            new(3, TaskChangeKinds.Phase, null, 0, "inspect", PhaseLifecycleState.Running, 2, null, Created.AddSeconds(3)),
            PhaseChange(4, 0, "inspect", PhaseLifecycleState.Completed, 4),
            PhaseChange(5, 1, "mkdir /tmp/a", PhaseLifecycleState.Running, 5),
            PhaseChange(6, 1, "mkdir /tmp/a", PhaseLifecycleState.Completed, 6),
            StateChange(7, TaskLifecycleState.Succeeded, 7),
        ];
        await using var server = await ServeAsync(RunningSnapshot, after => journal.Where(c => c.Sequence > after));

        var result = await CliRunner.RunAsync("watch", "t1", "--server", server.Url.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            [
                "task t1 type mkdir state Running",
                "phase 1/2 inspect Running",
                "phase 1/2 inspect Running: attempt 1 failed, retrying: disk busy",
                "phase 1/2 inspect Running (attempt 2)",
                "phase 1/2 inspect Completed (attempt 2)",
                "phase 2/2 mkdir /tmp/a Running",
                "phase 2/2 mkdir /tmp/a Completed",
                "state Succeeded",
            ],
            result.OutLines);
    }

    [Fact]
    public async Task Watch_RevertedByTheTypesOwnRevert_ShowsNoPhaseStillRunning()
    {
        TaskChange[] journal =
        [
            PhaseChange(1, 0, "inspect", PhaseLifecycleState.Running, 1),
            StateChange(2, TaskLifecycleState.Reverting, 2),
            StateChange(3, TaskLifecycleState.Reverted, 3),
        ];
        await using var server = await ServeAsync(RunningSnapshot, after => journal.Where(c => c.Sequence > after));

        var result = await CliRunner.RunAsync(["watch", "t1", "--server", server.Url.ToString()], terminal: true);

        Assert.Equal(2, result.ExitCode);
        var lastFrame = result.Out[result.Out.LastIndexOf("t1 (mkdir)", StringComparison.Ordinal)..];
        Assert.Contains("Reverted", lastFrame, StringComparison.Ordinal);
        Assert.DoesNotContain("Running", lastFrame, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_AlreadyFinished_PrintsThePictureWithoutFollowing()
    {
        var snapshot = Task("t1", TaskLifecycleState.Reverted, 1, Phase(0, "inspect", PhaseLifecycleState.Reverted));
        await using var server = await ServeAsync(snapshot, _ => throw new InvalidOperationException("must not be called"));

        var result = await CliRunner.RunAsync("watch", "t1", "--server", server.Url.ToString());

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["task t1 type mkdir state Reverted", "phase 1/1 inspect Reverted", "state Reverted"], result.OutLines);
        Assert.DoesNotContain(server.Requests, r => r.PathAndQuery.EndsWith("/events", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Watch_NotFound_ExitsOne()
    {
        await using var server = await ServeAsync(RunningSnapshot, _ => []);

        var result = await CliRunner.RunAsync("watch", "ghost", "--server", server.Url.ToString());

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: no task has id ghost", result.Error.TrimEnd());
    }

    [Fact]
    public async Task Watch_ServerNotRunning_ExitsOneWithHint()
    {
        var result = await CliRunner.RunAsync("watch", "t1", "--server", FakePhaseFlowServer.UnusedUrl().ToString());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("(start it with `phaseflow run`)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_Terminal_ShowsALiveViewAndExitsByTheFinalState()
    {
        await using var server = await ServeAsync(RunningSnapshot, after => SucceedingJournal.Where(c => c.Sequence > after));

        var result = await CliRunner.RunAsync(["watch", "t1", "--server", server.Url.ToString()], terminal: true);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Succeeded", result.Out, StringComparison.Ordinal);
        Assert.Contains("phase 2 of 2", result.Out, StringComparison.Ordinal);
        Assert.Contains("mkdir /tmp/a", result.Out, StringComparison.Ordinal);
        // A live view, not plain lines: the table is boxed and redrawn with ANSI sequences.
        Assert.Contains('\u001b', result.Out);
        Assert.DoesNotContain("state Succeeded", result.Out, StringComparison.Ordinal);
    }
}
