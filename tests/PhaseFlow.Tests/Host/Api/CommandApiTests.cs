using System.Net;
using System.Net.Http.Json;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Host.Api;

/// <summary>Cancel, retry-revert and resume against a real node process, with the steps task's journal file as the witness of what ran.</summary>
public sealed class CommandApiTests(SharedNode shared) : IClassFixture<SharedNode>
{
    private NodeProcess Node => shared.Node;

    [Fact]
    public async Task Cancelling_a_running_task_is_202_and_reverts_the_completed_phases_in_reverse_order()
    {
        var id = SubmitApiTests.NewId();
        var journal = JournalFile(id);
        await Node.SubmitAsync("steps", new { count = 50, delayMs = 100, journal }, id);
        await StepsJournal.WaitForLinesAsync(journal, 3);

        using var response = await Node.Http.PostAsync(PhaseFlowApi.Cancel(id), null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var status = await Node.WaitForStateAsync(id, TaskLifecycleState.Reverted);
        Assert.Equal(RevertReason.Cancelled, status.Revert!.Reason);
        var lines = File.ReadAllLines(journal);
        var completed = status.Phases.Where(p => p.State == PhaseLifecycleState.Reverted).Select(p => p.Index).ToList();
        var expectedReverts = completed.OrderDescending().Select(i => $"revert {i}");
        Assert.Equal(expectedReverts, lines.Where(l => l.StartsWith("revert", StringComparison.Ordinal)));
        Assert.True(completed.Count >= 2, $"at least two phases completed before the cancel: {string.Join(", ", lines)}");
    }

    [Fact]
    public async Task A_phase_that_fails_every_attempt_is_retried_three_times_then_the_task_reverts()
    {
        var id = SubmitApiTests.NewId();
        var journal = JournalFile(id);
        await Node.SubmitAsync("steps", new { count = 4, failAtPhase = 2, journal }, id);

        var status = await Node.WaitForStateAsync(id, TaskLifecycleState.Reverted);

        // The failed phase wrote "run 2" before it failed, so the revert undoes it too, first.
        Assert.Equal(["run 0", "run 1", "run 2", "run 2", "run 2", "revert 2", "revert 1", "revert 0"], File.ReadAllLines(journal));
        Assert.Equal(3, status.Phases[2].Attempts);
        Assert.Equal(PhaseLifecycleState.Reverted, status.Phases[2].State);
        Assert.Contains("failed on purpose", status.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(RevertReason.Failed, status.Revert!.Reason);
    }

    [Fact]
    public async Task Cancelling_a_finished_task_is_409_and_an_unknown_one_404()
    {
        var id = SubmitApiTests.NewId();
        await Node.SubmitAsync("steps", new { count = 1 }, id);
        await Node.WaitForStateAsync(id, TaskLifecycleState.Succeeded);

        using var finished = await Node.Http.PostAsync(PhaseFlowApi.Cancel(id), null);
        using var unknown = await Node.Http.PostAsync(PhaseFlowApi.Cancel(SubmitApiTests.NewId()), null);

        var problem = await ProblemResponse.ReadAsync(finished, HttpStatusCode.Conflict);
        Assert.Contains("already finished", problem.Detail, StringComparison.Ordinal);
        await ProblemResponse.ReadAsync(unknown, HttpStatusCode.NotFound);
        Assert.Equal(TaskLifecycleState.Succeeded, (await Node.GetAsync(id))!.State);
    }

    [Fact]
    public async Task A_failing_revert_ends_in_RevertFailed_and_retry_revert_runs_the_failed_undo_again()
    {
        var id = SubmitApiTests.NewId();
        await Node.SubmitAsync("steps", new { count = 3, failAtPhase = 1, revertFails = true }, id);
        var failed = await Node.WaitForStateAsync(id, TaskLifecycleState.RevertFailed);
        Assert.Contains("revert of step-1 failed on purpose", failed.Revert!.Error!.Message, StringComparison.Ordinal);

        using var retry = await Node.Http.PostAsync(PhaseFlowApi.RetryRevert(id), null);

        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var again = await Node.WaitForStateAsync(id, TaskLifecycleState.RevertFailed);
        Assert.True(again.Revert!.StartedAt > failed.Revert.StartedAt, "the revert started again");

        // A RevertFailed event is stored only when an undo threw: two of them for phase 1 mean its undo ran twice.
        var journal = await Node.Journal.ReadTaskAsync(id);
        Assert.Equal([1, 1], journal.Where(e => e.Manifest == "E-RF").Select(e => e.Event.GetProperty("phaseIndex").GetInt32()));
        Assert.Equal(2, journal.Count(e => e.Manifest == "E-RS"));
    }

    [Fact]
    public async Task Retry_revert_of_a_task_that_is_not_in_RevertFailed_is_409()
    {
        var id = SubmitApiTests.NewId();
        await Node.SubmitAsync("steps", new { count = 1 }, id);
        await Node.WaitForStateAsync(id, TaskLifecycleState.Succeeded);

        using var response = await Node.Http.PostAsync(PhaseFlowApi.RetryRevert(id), null);

        await ProblemResponse.ReadAsync(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Resume_of_a_running_or_succeeded_task_is_409_with_its_state_and_of_an_unknown_one_404()
    {
        var running = SubmitApiTests.NewId();
        var succeeded = SubmitApiTests.NewId();
        var unknown = SubmitApiTests.NewId();
        await Node.SubmitAsync("steps", new { count = 1 }, succeeded);
        await Node.WaitForStateAsync(succeeded, TaskLifecycleState.Succeeded);
        await Node.SubmitAsync("steps", new { count = 100, delayMs = 100 }, running);
        await Node.WaitForStateAsync(running, TaskLifecycleState.Running);

        using var whileRunning = await Node.Http.PostAsync(PhaseFlowApi.Resume(running), null);
        using var afterSuccess = await Node.Http.PostAsync(PhaseFlowApi.Resume(succeeded), null);
        using var neverSubmitted = await Node.Http.PostAsync(PhaseFlowApi.Resume(unknown), null);

        var problem = await ProblemResponse.ReadAsync(whileRunning, HttpStatusCode.Conflict);
        Assert.Equal($"Task '{running}' is Running; only a suspended task can be resumed.", problem.Detail);
        problem = await ProblemResponse.ReadAsync(afterSuccess, HttpStatusCode.Conflict);
        Assert.Equal($"Task '{succeeded}' is Succeeded; only a suspended task can be resumed.", problem.Detail);
        problem = await ProblemResponse.ReadAsync(neverSubmitted, HttpStatusCode.NotFound);
        Assert.Equal($"No task has id '{unknown}'.", problem.Detail);
        Assert.Equal(TaskLifecycleState.Running, (await Node.GetAsync(running))!.State);
        Assert.Equal(TaskLifecycleState.Succeeded, (await Node.GetAsync(succeeded))!.State);
        Assert.Null(await Node.GetAsync(unknown));
        using var cancel = await Node.Http.PostAsync(PhaseFlowApi.Cancel(running), null);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
    }

    private string JournalFile(string id) => Path.Combine(Node.Folder, id + ".journal");
}
