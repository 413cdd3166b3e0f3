using System.Data.Common;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PhaseFlow.Actors.Client;
using PhaseFlow.Actors.Hosting;
using PhaseFlow.Actors.ReadModel;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Contracts.Queries;

namespace PhaseFlow.Host.Api;

/// <summary>The HTTP API: submit, read, list, cancel, retry a revert, signal, follow a task's changes, and the health check.</summary>
internal static class TaskEndpoints
{
    /// <summary>Maps every route of the API.</summary>
    /// <param name="routes">The app's routes.</param>
    /// <returns>The same routes.</returns>
    public static IEndpointRouteBuilder MapPhaseFlowApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(PhaseFlowApi.Tasks, SubmitAsync);
        routes.MapGet(PhaseFlowApi.Tasks, ListAsync);
        routes.MapGet(PhaseFlowApi.Tasks + "/{id}", GetAsync);
        routes.MapPost(PhaseFlowApi.Tasks + "/{id}/cancel", (string id, IPhaseFlowClient client, CancellationToken ct) => CommandAsync(id, client.CancelAsync, ct));
        routes.MapPost(PhaseFlowApi.Tasks + "/{id}/retry-revert", (string id, IPhaseFlowClient client, CancellationToken ct) => CommandAsync(id, client.RetryRevertAsync, ct));
        routes.MapPost(PhaseFlowApi.Tasks + "/{id}/resume", (string id, IPhaseFlowClient client, CancellationToken ct) => CommandAsync(id, client.ResumeAsync, ct));
        routes.MapPost(PhaseFlowApi.Tasks + "/{id}/signals/{name}", SignalAsync);
        routes.MapGet(PhaseFlowApi.Tasks + "/{id}/events", EventsAsync);
        routes.MapGet(PhaseFlowApi.Health, HealthAsync);
        return routes;
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, IPhaseFlowClient client, TaskTypeRegistry registry, ITaskListStore taskList, CancellationToken cancellationToken)
    {
        var (body, inputJson, problem) = await SubmitRequestReader.ReadAsync(request, cancellationToken);
        if (body is null || inputJson is null)
        {
            return ApiProblems.BadRequest(problem!);
        }

        var id = body.Id ?? TaskIds.New();
        if (!TaskIds.IsValid(id))
        {
            return ApiProblems.BadRequest(TaskIds.Explain(id));
        }

        // The task actor checks this too; checking here first means an unknown type never starts (and remembers) an actor.
        if (!registry.TryResolve(body.Type, out _))
        {
            return ApiProblems.BadRequest(new UnknownTaskTypeException(body.Type, registry.Names).Message);
        }

        return await AnsweredAsync(async () =>
        {
            var reply = await client.SubmitAsync(new SubmitTask(id, body.Type, inputJson), cancellationToken);
            switch (reply)
            {
                case TaskSubmitted { Created: true } created:
                    return Results.Accepted(PhaseFlowApi.Task(id), new TaskCommandResponse(id, created.State));
                case TaskSubmitted:
                    // The same submission again: answer with where the task is now.
                    var status = await client.GetStatusAsync(id, cancellationToken);
                    return status is null ? ApiProblems.NotFound(id) : Results.Ok(await ResourceAsync(status, taskList, cancellationToken));
                case CommandRejected rejected:
                    return ApiProblems.From(rejected);
                default:
                    throw new InvalidOperationException($"Unexpected reply {reply.GetType().Name} to a submission.");
            }
        });
    }

    private static async Task<IResult> GetAsync(string id, IPhaseFlowClient client, ITaskListStore taskList, CancellationToken cancellationToken)
    {
        if (!TaskIds.IsValid(id))
        {
            return ApiProblems.BadRequest(TaskIds.Explain(id));
        }

        return await AnsweredAsync(async () =>
        {
            var status = await client.GetStatusAsync(id, cancellationToken);
            return status is null ? ApiProblems.NotFound(id) : Results.Ok(await ResourceAsync(status, taskList, cancellationToken));
        });
    }

    private static async Task<TaskResource> ResourceAsync(TaskStatusView status, ITaskListStore taskList, CancellationToken cancellationToken) =>
        TaskResourceMapper.ToResource(status, await ChildTaskStates.ReadAsync(status, taskList, cancellationToken));

    private static async Task<IResult> ListAsync(HttpRequest request, ITaskListStore taskList, CancellationToken cancellationToken)
    {
        var (query, problem) = TaskListRequestParser.Parse(request.Query);
        return query is null ? ApiProblems.BadRequest(problem!) : Results.Ok(await taskList.QueryAsync(query, cancellationToken));
    }

    private static async Task<IResult> CommandAsync(string id, Func<string, CancellationToken, Task<ICommandReply>> send, CancellationToken cancellationToken)
    {
        if (!TaskIds.IsValid(id))
        {
            return ApiProblems.BadRequest(TaskIds.Explain(id));
        }

        return await AnsweredAsync(async () => await send(id, cancellationToken) switch
        {
            CommandAccepted accepted => Results.Accepted(PhaseFlowApi.Task(id), new TaskCommandResponse(id, accepted.State)),
            CommandRejected rejected => ApiProblems.From(rejected),
            var other => throw new InvalidOperationException($"Unexpected reply {other.GetType().Name} to a command."),
        });
    }

    private static async Task<IResult> SignalAsync(string id, string name, HttpRequest request, IPhaseFlowClient client, CancellationToken cancellationToken)
    {
        if (!TaskIds.IsValid(id))
        {
            return ApiProblems.BadRequest(TaskIds.Explain(id));
        }

        var (payloadJson, signalId, problem) = await SignalRequestReader.ReadAsync(request, name, cancellationToken);
        if (problem is not null)
        {
            return ApiProblems.BadRequest(problem);
        }

        return await CommandAsync(id, (taskId, ct) => client.SignalAsync(taskId, name, payloadJson, signalId, ct), cancellationToken);
    }

    private static async Task<IResult> EventsAsync(string id, HttpRequest request, IPhaseFlowClient client, TaskChangeFeed feed, EventStreamSlots slots, CancellationToken cancellationToken)
    {
        if (!TaskIds.IsValid(id))
        {
            return ApiProblems.BadRequest(TaskIds.Explain(id));
        }

        var lastEventId = request.Headers["Last-Event-ID"].ToString();
        long after = 0;
        if (lastEventId.Length > 0 && (!long.TryParse(lastEventId, out after) || after < 0))
        {
            return ApiProblems.BadRequest($"Last-Event-ID '{lastEventId}' is invalid; send the id of the last event received (a whole number), or no header to start from the beginning.");
        }

        return await AnsweredAsync(async () =>
        {
            var status = await client.GetStatusAsync(id, cancellationToken);
            if (status is null)
            {
                return ApiProblems.NotFound(id);
            }

            return slots.TryTake()
                ? TypedResults.ServerSentEvents(ToSse(feed.FollowAsync(id, after, cancellationToken), slots, cancellationToken))
                : ApiProblems.AtLimit($"This node already serves {slots.Limit} event streams, as many as it may (--max-event-streams); try again shortly or read GET {PhaseFlowApi.Task(id)}.");
        });
    }

    private static async IAsyncEnumerable<SseItem<TaskChange>> ToSse(IAsyncEnumerable<IReadOnlyList<TaskChange>> changes, EventStreamSlots slots, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var list in changes.WithCancellation(cancellationToken))
            {
                for (var i = 0; i < list.Count; i++)
                {
                    // Only the last change of a journal event carries its id, so a client resuming with
                    // Last-Event-ID never misses the second change of an event it saw half of.
                    yield return new SseItem<TaskChange>(list[i], list[i].Kind)
                    {
                        EventId = i == list.Count - 1 ? list[i].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
                    };
                }
            }
        }
        finally
        {
            slots.Release();
        }
    }

    private static async Task<IResult> HealthAsync(PhaseFlowHealth health, CancellationToken cancellationToken)
    {
        var report = await health.CheckAsync(cancellationToken);
        return Results.Json(report, statusCode: report.Status == PhaseFlowHealth.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> AnsweredAsync(Func<Task<IResult>> handle)
    {
        try
        {
            return await handle();
        }
        catch (AskTimeoutException)
        {
            return ApiProblems.Unavailable("The task did not answer in time (the node may be starting, rebalancing or overloaded); try again.");
        }
        catch (TaskUnavailableException e)
        {
            return ApiProblems.Unavailable(e.Message);
        }
        catch (DbException e)
        {
            // Whether a task exists is read from the journal's database before the task is asked.
            return ApiProblems.Unavailable($"The task journal could not be read ({e.Message}); try again.");
        }
    }
}
