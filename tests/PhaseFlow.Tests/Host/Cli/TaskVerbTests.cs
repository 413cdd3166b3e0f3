using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Contracts.Queries;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using static PhaseFlow.Tests.Fixtures.WireSamples;

namespace PhaseFlow.Tests.Host.Cli;

/// <summary>The verbs <c>status</c>, <c>list</c>, <c>cancel</c>, <c>retry-revert</c> and <c>resume</c>.</summary>
public sealed class TaskVerbTests
{
    [Fact]
    public async Task Status_Found_ShowsTheTaskAndATableOfPhases()
    {
        var task = Task("t1", TaskLifecycleState.Running, 3, Phase(0, "inspect", PhaseLifecycleState.Completed), Phase(1, "mkdir /tmp/a", PhaseLifecycleState.Failed, attempts: 2)) with
        {
            Phases =
            [
                Phase(0, "inspect", PhaseLifecycleState.Completed),
                Phase(1, "mkdir /tmp/a", PhaseLifecycleState.Failed, attempts: 2) with { Error = new ErrorResource("System.IO.IOException", "disk full") },
            ],
        };
        await using var server = await FakePhaseFlowServer.StartAsync(app => app.MapGet("/tasks/{id}", () => FakePhaseFlowServer.Json(task)));

        var result = await CliRunner.RunAsync("status", "t1", "--server", server.Url.ToString());

        Assert.Equal(0, result.ExitCode);
        var lines = result.OutLines;
        Assert.Contains(lines, l => l.StartsWith("type", StringComparison.Ordinal) && l.EndsWith("mkdir", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("state", StringComparison.Ordinal) && l.EndsWith("Running", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("phases", StringComparison.Ordinal) && l.EndsWith("1 of 3 completed", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("created", StringComparison.Ordinal) && l.EndsWith("2025-03-01 12:00:00Z", StringComparison.Ordinal));
        Assert.Contains(lines, l => Words(l).SequenceEqual(["#", "phase", "state", "attempts", "started", "completed", "error"]));
        Assert.Contains(lines, l => Words(l).SequenceEqual(["1", "inspect", "Completed", "1", "2025-03-01", "12:00:01Z", "2025-03-01", "12:00:01Z"]));
        Assert.Contains(lines, l => Words(l).SequenceEqual(["2", "mkdir", "/tmp/a", "Failed", "2", "2025-03-01", "12:00:02Z", "-", "disk", "full"]));
        Assert.DoesNotContain('\u001b', result.Out);
        Assert.DoesNotContain('╭', result.Out);
    }

    [Theory]
    [InlineData(PhaseStopReason.TimedOut, "phase 2 timed out at 2025-03-01 12:00:05Z; waiting for its body to return")]
    [InlineData(PhaseStopReason.Cancelled, "phase 2 was cancelled at 2025-03-01 12:00:05Z; waiting for its body to return")]
    [InlineData(PhaseStopReason.EarlierRun, "phase 2 is still running from before a restart at 2025-03-01 12:00:05Z; waiting for its body to return")]
    public async Task Status_ProblemAndAStoppingPhase_ShowsTheProblemAndWaitingLines(PhaseStopReason reason, string waiting)
    {
        const string problem = "Task type 'mkdir' is not registered on this node. The task waits here without running; start a node that has the type (it continues there), or cancel the task.";
        var task = Task("t1", TaskLifecycleState.Running, 3, Phase(0, "inspect", PhaseLifecycleState.Completed), Phase(1, "mkdir /tmp/a", PhaseLifecycleState.Running)) with
        {
            Problem = new TaskProblem(problem, Created.AddSeconds(6), RetryAt: null),
            Phases =
            [
                Phase(0, "inspect", PhaseLifecycleState.Completed),
                Phase(1, "mkdir /tmp/a", PhaseLifecycleState.Running) with { Stopping = new PhaseStopping(reason, Created.AddSeconds(5)) },
            ],
        };
        await using var server = await FakePhaseFlowServer.StartAsync(app => app.MapGet("/tasks/{id}", () => FakePhaseFlowServer.Json(task)));

        var result = await CliRunner.RunAsync("status", "t1", "--server", server.Url.ToString());

        Assert.Equal(0, result.ExitCode);
        var lines = result.OutLines;
        Assert.Equal(["problem", .. Words(problem)], Words(Assert.Single(lines, l => l.StartsWith("problem", StringComparison.Ordinal))));
        Assert.Equal(["waiting", .. Words(waiting)], Words(Assert.Single(lines, l => l.StartsWith("waiting", StringComparison.Ordinal))));
        Assert.Contains(lines, l => Words(l).SequenceEqual(["2", "mkdir", "/tmp/a", "Running", "1", "2025-03-01", "12:00:02Z", "-"]));
    }

    [Fact]
    public async Task Status_NoProblemAndNothingStopping_ShowsNeitherLine()
    {
        var task = Task("t1", TaskLifecycleState.Running, 2, Phase(0, "inspect", PhaseLifecycleState.Running));
        await using var server = await FakePhaseFlowServer.StartAsync(app => app.MapGet("/tasks/{id}", () => FakePhaseFlowServer.Json(task)));

        var result = await CliRunner.RunAsync("status", "t1", "--server", server.Url.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain(result.OutLines, l => l.StartsWith("problem", StringComparison.Ordinal) || l.StartsWith("waiting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Status_ParentWithFewChildren_SumsThemUpSaysWhatThePhaseWaitsForAndListsEach()
    {
        var task = Task("p", TaskLifecycleState.Running, 1) with
        {
            Phases = [Phase(0, "children", PhaseLifecycleState.Running) with { Waiting = ChildrenWait("p:1.1.1", "p:1.1.2", "p:1.1.3") }],
            Children =
            [
                new ChildTaskResource("p:1.1.1", 0, 1, TaskLifecycleState.Succeeded),
                new ChildTaskResource("p:1.1.2", 0, 1, TaskLifecycleState.Running),
                new ChildTaskResource("p:1.1.3", 0, 1, null),
            ],
        };
        await using var server = await FakePhaseFlowServer.StartAsync(app => app.MapGet("/tasks/{id}", () => FakePhaseFlowServer.Json(task)));

        var result = await CliRunner.RunAsync("status", "p", "--server", server.Url.ToString());

        Assert.Equal(0, result.ExitCode);
        var lines = result.OutLines;
        AssertFact(lines, "children", "3 (1 succeeded, 1 running, 1 starting)");
        AssertFact(lines, "waiting", "phase 1 waits for its 3 child tasks (1 finished)");
        Assert.DoesNotContain(lines, l => l.StartsWith("parent", StringComparison.Ordinal));
        Assert.Contains(lines, l => Words(l).SequenceEqual(["child", "phase", "attempt", "state"]));
        Assert.Contains(lines, l => Words(l).SequenceEqual(["p:1.1.1", "1", "1", "Succeeded"]));
        Assert.Contains(lines, l => Words(l).SequenceEqual(["p:1.1.2", "1", "1", "Running"]));
        Assert.Contains(lines, l => Words(l).SequenceEqual(["p:1.1.3", "1", "1", "starting"]));
    }

    [Fact]
    public async Task Status_AThousandChildren_SumsThemUpAndNamesTheListVerbInsteadOfListingEach()
    {
        var task = Task("big", TaskLifecycleState.Running, 1, Phase(0, "children", PhaseLifecycleState.Running)) with
        {
            Children =
            [
                .. Enumerable.Range(1, 1000).Select(i => new ChildTaskResource(
                    $"big:1.1.{i}",
                    0,
                    1,
                    i switch { 7 => TaskLifecycleState.RevertFailed, <= 997 => TaskLifecycleState.Succeeded, _ => TaskLifecycleState.Running })),
            ],
        };
        await using var server = await FakePhaseFlowServer.StartAsync(app => app.MapGet("/tasks/{id}", () => FakePhaseFlowServer.Json(task)));

        var result = await CliRunner.RunAsync("status", "big", "--server", server.Url.ToString());

        Assert.Equal(0, result.ExitCode);
        AssertFact(result.OutLines, "children", "1000 (996 succeeded, 1 revert failed, 3 running)");
        Assert.Equal("1000 child tasks; list them with: phaseflow list --parent big --all", result.OutLines[^1]);
        Assert.DoesNotContain("big:1.1.", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_ChildTask_ShowsItsParent()
    {
        var task = Task("p:1.1.2", TaskLifecycleState.Succeeded, 1, Phase(0, "step-0", PhaseLifecycleState.Completed)) with { ParentId = "p", Children = [] };
        await using var server = await FakePhaseFlowServer.StartAsync(app => app.MapGet("/tasks/{id}", () => FakePhaseFlowServer.Json(task)));

        var result = await CliRunner.RunAsync("status", "p:1.1.2", "--server", server.Url.ToString());

        Assert.Equal(0, result.ExitCode);
        AssertFact(result.OutLines, "parent", "p");
        Assert.DoesNotContain(result.OutLines, l => l.StartsWith("children", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Status_WaitingForAnotherTask_NamesIt()
    {
        var task = Task("t1", TaskLifecycleState.Running, 2) with
        {
            Phases = [Phase(0, "await", PhaseLifecycleState.Running) with { Waiting = new PhaseWaitRecord(PhaseWaitKind.Task, null, Created.AddHours(1), ["order-7"]) }],
        };
        await using var server = await FakePhaseFlowServer.StartAsync(app => app.MapGet("/tasks/{id}", () => FakePhaseFlowServer.Json(task)));

        var result = await CliRunner.RunAsync("status", "t1", "--server", server.Url.ToString());

        Assert.Equal(0, result.ExitCode);
        AssertFact(result.OutLines, "waiting", "phase 1 waits for task order-7 to finish until 2025-03-01 13:00:00Z");
    }

    [Fact]
    public async Task Status_NotFound_ExitsOneWithMessage()
    {
        await using var server = await FakePhaseFlowServer.StartAsync(app =>
            app.MapGet("/tasks/{id}", () => FakePhaseFlowServer.Problem(404, "Not Found", "no such task")));

        var result = await CliRunner.RunAsync("status", "ghost", "--server", server.Url.ToString());

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: no task has id ghost", result.Error.TrimEnd());
    }

    [Fact]
    public async Task Status_ServerNotRunning_SaysHowToStartIt()
    {
        var url = FakePhaseFlowServer.UnusedUrl();

        var result = await CliRunner.RunAsync("status", "t1", "--server", url.ToString());

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error: cannot reach PhaseFlow at {url}: ", result.Error, StringComparison.Ordinal);
        Assert.EndsWith("is the node running? (start it with `phaseflow run`)", result.Error.TrimEnd(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TaskLifecycleState.Reverted, RevertReason.Failed, "done: 2 of 2 phases undone", "the task failed (see error)", "1 of 3 completed, then all undone by the revert")]
    [InlineData(TaskLifecycleState.Reverted, RevertReason.Cancelled, "done: 2 of 2 phases undone", "the task was cancelled", "1 of 3 completed, then all undone by the revert")]
    [InlineData(TaskLifecycleState.Reverting, RevertReason.Failed, "in progress: 1 of 2 phases undone", "the task failed (see error)", "1 of 3 completed")]
    [InlineData(TaskLifecycleState.RevertFailed, RevertReason.Failed, "stopped by an error (see revert error): 1 of 2 phases undone", "the task failed (see error)", "1 of 3 completed")]
    public async Task Status_Reverted_ShowsTheRevertsOutcomeApartFromItsReason(TaskLifecycleState state, RevertReason reason, string revertLine, string because, string phases)
    {
        // "revert   Failed: 2 of 2 phases undone" read as a failed revert, and a reverted task said "0 of 3 completed".
        var done = state == TaskLifecycleState.Reverted;
        var error = new ErrorResource("System.IO.IOException", "disk full", new ErrorResource("System.Net.Sockets.SocketException", "reset"));
        var task = Task("t1", state, 3) with
        {
            Phases =
            [
                Phase(0, "inspect", PhaseLifecycleState.Completed) with { State = done ? PhaseLifecycleState.Reverted : PhaseLifecycleState.Completed },
                Phase(1, "mkdir /tmp/a", done ? PhaseLifecycleState.Reverted : PhaseLifecycleState.Failed) with { Error = error },
            ],
            Error = reason == RevertReason.Failed ? error : null,
            Revert = new RevertResource(
                reason,
                2,
                done ? 2 : 1,
                Created.AddSeconds(3),
                state == TaskLifecycleState.RevertFailed ? new ErrorResource("System.InvalidOperationException", "undo refused") : null),
        };
        await using var server = await FakePhaseFlowServer.StartAsync(app => app.MapGet("/tasks/{id}", () => FakePhaseFlowServer.Json(task)));

        var result = await CliRunner.RunAsync("status", "t1", "--server", server.Url.ToString());

        Assert.Equal(0, result.ExitCode);
        var lines = result.OutLines;
        AssertFact(lines, "revert", $"{revertLine}, started 2025-03-01 12:00:03Z");
        AssertFact(lines, "revert reason", because);
        AssertFact(lines, "phases", phases);
        if (reason == RevertReason.Failed)
        {
            AssertFact(lines, "error", "disk full");
        }

        if (state == TaskLifecycleState.RevertFailed)
        {
            AssertFact(lines, "revert error", "undo refused");
        }

        Assert.DoesNotContain("System.", result.Out, StringComparison.Ordinal);
    }

    private static void AssertFact(string[] lines, string name, string value) =>
        Assert.True(
            lines.Any(l => System.Text.RegularExpressions.Regex.IsMatch(l, $"^{System.Text.RegularExpressions.Regex.Escape(name)} +{System.Text.RegularExpressions.Regex.Escape(value)}$")),
            $"no line '{name} … {value}' in:\n{string.Join('\n', lines)}");

    [Theory]
    [InlineData("--state", "Bogus", "error: --state 'Bogus' is not a task state; use one of Pending, Running, Succeeded, Suspended, Reverting, Reverted, RevertFailed")]
    [InlineData("--state", "3", "error: --state '3' is not a task state; use one of")]
    [InlineData("--limit", "abc", "error: --limit must be a whole number from 1 to 500; it is 'abc'")]
    [InlineData("--limit", "0", "error: --limit must be a whole number from 1 to 500; it is '0'")]
    [InlineData("--parent", "no spaces", "error: --parent: Task id 'no spaces' is invalid: use 1 to 200 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'.")]
    public async Task List_BadStateOrLimit_SaysWhatIsAllowedAndAsksNothing(string flag, string value, string expected)
    {
        var result = await CliRunner.RunAsync("list", flag, value, "--server", FakePhaseFlowServer.UnusedUrl().ToString());

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Nullable", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_OnePageOfMore_PrintsTableAndHowToGetTheNext()
    {
        await using var server = await FakePhaseFlowServer.StartAsync(app =>
            app.MapGet("/tasks", () => FakePhaseFlowServer.Json(new TaskListPage(
                [new TaskListItem("t2", "mkdir", TaskLifecycleState.Running, 1, 1, Created, Created.AddMinutes(1))],
                "cursor-2"))));

        var result = await CliRunner.RunAsync("list", "--state", "running", "--limit", "1", "--server", server.Url.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("/tasks?state=Running&limit=1", Assert.Single(server.Requests).PathAndQuery);
        var lines = result.OutLines;
        Assert.Equal(["id", "type", "state", "phase", "created", "updated"], Words(lines[0]));
        Assert.Equal(["t2", "mkdir", "Running", "2", "(1", "done)", "2025-03-01", "12:00:00Z", "2025-03-01", "12:01:00Z"], Words(lines[1]));
        Assert.Equal($"more: phaseflow list --server {server.Url} --state Running --limit 1 --after cursor-2", lines[^1]);
    }

    [Fact]
    public async Task List_Parent_AsksForItsChildrenAndKeepsTheFilterInTheNextPageHint()
    {
        await using var server = await FakePhaseFlowServer.StartAsync(app =>
            app.MapGet("/tasks", () => FakePhaseFlowServer.Json(new TaskListPage(
                [new TaskListItem("order-7:1.1.2", "steps", TaskLifecycleState.Running, 0, 0, Created, Created, "order-7")],
                "cursor-2"))));

        var result = await CliRunner.RunAsync("list", "--parent", "order-7", "--state", "Running", "--limit", "1", "--server", server.Url.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("/tasks?state=Running&parent=order-7&limit=1", Assert.Single(server.Requests).PathAndQuery);
        Assert.Equal(["order-7:1.1.2", "steps", "Running", "1", "(0", "done)", "2025-03-01", "12:00:00Z", "2025-03-01", "12:00:00Z"], Words(result.OutLines[1]));
        Assert.Equal($"more: phaseflow list --server {server.Url} --state Running --parent order-7 --limit 1 --after cursor-2", result.OutLines[^1]);
    }

    [Fact]
    public async Task List_ParentWithoutChildren_SaysSo()
    {
        await using var server = await FakePhaseFlowServer.StartAsync(app =>
            app.MapGet("/tasks", () => FakePhaseFlowServer.Json(new TaskListPage([], null))));

        var result = await CliRunner.RunAsync("list", "--parent", "a:1.1.1", "--server", server.Url.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("/tasks?parent=a%3A1.1.1", Assert.Single(server.Requests).PathAndQuery);
        Assert.Equal(["task a:1.1.1 has no child tasks (or no task has that id)"], result.OutLines);
    }

    [Fact]
    public async Task List_FinishedTasks_ShowNoCurrentPhaseAndSayAReversedTasksPhasesAreUndone()
    {
        await using var server = await FakePhaseFlowServer.StartAsync(app =>
            app.MapGet("/tasks", () => FakePhaseFlowServer.Json(new TaskListPage(
                [
                    new TaskListItem("t1", "mkdir", TaskLifecycleState.Reverted, 2, 2, Created, Created),
                    new TaskListItem("t2", "mkdir", TaskLifecycleState.Succeeded, 2, 3, Created, Created),
                    new TaskListItem("t3", "mkdir", TaskLifecycleState.Running, 1, 1, Created, Created),
                ],
                null))));

        var result = await CliRunner.RunAsync("list", "--server", server.Url.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            [["-", "(2", "done,", "undone)"], ["-", "(3", "done)"], ["2", "(1", "done)"]],
            result.OutLines.Skip(1).Select(l => Words(l)[3..^4]));
    }

    [Fact]
    public async Task List_All_FollowsNextToTheEnd()
    {
        await using var server = await FakePhaseFlowServer.StartAsync(app =>
            app.MapGet("/tasks", (string? after) => FakePhaseFlowServer.Json(after is null
                ? new TaskListPage([new TaskListItem("t3", "mkdir", TaskLifecycleState.Pending, null, 0, Created, Created)], "c1")
                : new TaskListPage([new TaskListItem("t1", "mkdir", TaskLifecycleState.Succeeded, 2, 3, Created, Created)], null))));

        var result = await CliRunner.RunAsync("list", "--all", "--server", server.Url.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["/tasks", "/tasks?after=c1"], server.Requests.Select(r => r.PathAndQuery));
        Assert.Equal(["t3", "t1"], result.OutLines.Skip(1).Select(l => Words(l)[0]));
        Assert.DoesNotContain("more:", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_Accepted_PrintsItAndExitsZero()
    {
        await using var server = await FakePhaseFlowServer.StartAsync(app =>
            app.MapPost("/tasks/{id}/cancel", (string id) => FakePhaseFlowServer.Json(new TaskCommandResponse(id, TaskLifecycleState.Running), 202)));

        var result = await CliRunner.RunAsync("cancel", "t1", "--server", server.Url.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["t1 cancel accepted (Running)"], result.OutLines);
    }

    [Theory]
    [InlineData(404, "no task has id t1")]
    [InlineData(409, "task t1 already Succeeded; there is nothing to cancel")]
    public async Task Cancel_Rejected_PrintsTheServersDetailToStandardError(int status, string detail)
    {
        await using var server = await FakePhaseFlowServer.StartAsync(app =>
            app.MapPost("/tasks/{id}/cancel", () => FakePhaseFlowServer.Problem(status, "Rejected", detail)));

        var result = await CliRunner.RunAsync("cancel", "t1", "--server", server.Url.ToString());

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: {detail}", result.Error.TrimEnd());
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task RetryRevert_Accepted_PostsToTheRetryRoute()
    {
        await using var server = await FakePhaseFlowServer.StartAsync(app =>
            app.MapPost("/tasks/{id}/retry-revert", (string id) => FakePhaseFlowServer.Json(new TaskCommandResponse(id, TaskLifecycleState.RevertFailed), 202)));

        var result = await CliRunner.RunAsync("retry-revert", "t1", "--server", server.Url.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["t1 retry-revert accepted (RevertFailed)"], result.OutLines);
        Assert.Equal("POST", Assert.Single(server.Requests).Method);
    }

    [Fact]
    public async Task Resume_Accepted_PostsToTheResumeRouteAndPrintsResumed()
    {
        await using var server = await FakePhaseFlowServer.StartAsync(app =>
            app.MapPost("/tasks/{id}/resume", (string id) => FakePhaseFlowServer.Json(new TaskCommandResponse(id, TaskLifecycleState.Running), 202)));

        var result = await CliRunner.RunAsync("resume", "t1", "--server", server.Url.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["t1 resumed (Running)"], result.OutLines);
        Assert.Empty(result.Error);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/tasks/t1/resume"), (request.Method, request.PathAndQuery));
    }

    [Theory]
    [InlineData(409, "Task 't1' still does not match its definition, so it stays suspended. Task definition changed: phase 1 was recorded as 'step-0' but the plan now yields 'step-0@2'.")]
    [InlineData(409, "Task 't1' is Succeeded; only a suspended task can be resumed.")]
    [InlineData(404, "No task has id 't1'.")]
    public async Task Resume_Rejected_PrintsTheProblemDetailAndExitsOne(int status, string detail)
    {
        await using var server = await FakePhaseFlowServer.StartAsync(app =>
            app.MapPost("/tasks/{id}/resume", () => FakePhaseFlowServer.Problem(status, "Not possible in the task's state", detail)));

        var result = await CliRunner.RunAsync("resume", "t1", "--server", server.Url.ToString());

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: {detail}", result.Error.TrimEnd());
        Assert.Empty(result.Out);
    }

    private static string[] Words(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [Theory]
    [InlineData(PhaseWaitKind.Signal, "go", false, "phase 2 waits for signal 'go' (send it with: phaseflow signal t1 go)")]
    [InlineData(PhaseWaitKind.Signal, "go", true, "phase 2 waits for signal 'go' until 2025-03-01 13:00:00Z (send it with: phaseflow signal t1 go)")]
    [InlineData(PhaseWaitKind.Delay, null, true, "phase 2 waits until 2025-03-01 13:00:00Z (a delay)")]
    public async Task Status_WaitingPhase_SaysWhatItWaitsFor(PhaseWaitKind kind, string? signal, bool until, string waiting)
    {
        var wait = new PhaseWaitRecord(kind, signal, until ? Created.AddHours(1) : null);
        var task = Task("t1", TaskLifecycleState.Running, 2, Phase(0, "inspect", PhaseLifecycleState.Completed), Phase(1, "approval", PhaseLifecycleState.Running)) with
        {
            Phases = [Phase(0, "inspect", PhaseLifecycleState.Completed), Phase(1, "approval", PhaseLifecycleState.Running) with { Waiting = wait }],
        };
        await using var server = await FakePhaseFlowServer.StartAsync(app => app.MapGet("/tasks/{id}", () => FakePhaseFlowServer.Json(task)));

        var result = await CliRunner.RunAsync("status", "t1", "--server", server.Url.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["waiting", .. Words(waiting)], Words(Assert.Single(result.OutLines, l => l.StartsWith("waiting", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task Signal_WithPayloadAndId_PostsThePayloadToTheSignalRouteAndPrintsAccepted()
    {
        string? body = null;
        await using var server = await FakePhaseFlowServer.StartAsync(app =>
            app.MapPost("/tasks/{id}/signals/{name}", async (string id, HttpRequest request) =>
            {
                body = await new StreamReader(request.Body).ReadToEndAsync();
                return FakePhaseFlowServer.Json(new TaskCommandResponse(id, TaskLifecycleState.Running), 202);
            }));

        var result = await CliRunner.RunAsync("signal", "t1", "approved", "--payload", "[1,2]", "--signal-id", "s-9", "--server", server.Url.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["t1 signal 'approved' accepted (Running)"], result.OutLines);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/tasks/t1/signals/approved?signalId=s-9"), (request.Method, request.PathAndQuery));
        Assert.Equal("[1,2]", body);
    }

    [Theory]
    [InlineData("g o", "error: The signal name 'g o' is not allowed: use 1 to 100 characters of letters, digits, '.', '_' and '-'.")]
    public async Task Signal_BadName_SaysWhatIsAllowedAndAsksNothing(string name, string expected)
    {
        await using var server = await FakePhaseFlowServer.StartAsync(_ => { });

        var result = await CliRunner.RunAsync("signal", "t1", name, "--server", server.Url.ToString());

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Signal_PayloadNotJson_SaysSoAndAsksNothing()
    {
        await using var server = await FakePhaseFlowServer.StartAsync(_ => { });

        var result = await CliRunner.RunAsync("signal", "t1", "go", "--payload", "{nope", "--server", server.Url.ToString());

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: --payload is not valid JSON", result.Error, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }
}
