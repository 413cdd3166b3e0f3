using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json.Serialization;
using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PhaseFlow.Actors.Client;
using PhaseFlow.Actors.Hosting;
using PhaseFlow.Actors.ReadModel;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Contracts.Queries;
using PhaseFlow.Host.Api;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Host.Api;

/// <summary>
/// The API's answers when what is behind it fails: a task that does not answer in time, a task that cannot be loaded,
/// a journal that cannot be read, a task type whose own code throws. The endpoints run in-process over a client that
/// fails on purpose, so each failure happens every time.
/// </summary>
public sealed class ApiFailureTests : IAsyncLifetime
{
    private readonly FailingClient _client = new();
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<IPhaseFlowClient>(_client);
        builder.Services.AddSingleton(new TaskTypeRegistry().Register(new ScriptedTask()));

        // GET /tasks/{id} takes the task list (for its children's states) but fails before it reads it: never opened.
        builder.Services.AddSingleton<ITaskListStore>(new SqliteTaskListStore("Data Source=never-opened.db"));

        // Present for the routes this test does not call; none of them is reached.
        builder.Services.AddSingleton<TaskChangeFeed>(_ => null!);
        builder.Services.AddSingleton<PhaseFlowHealth>(_ => null!);
        builder.Services.AddSingleton(sp => new EventStreamSlots(10, sp.GetRequiredService<IMeterFactory>()));
        _app = builder.Build();
        _app.UseExceptionHandler();
        _app.MapPhaseFlowApi();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Get_TaskDoesNotAnswerInTime_Is503SayingToTryAgain()
    {
        _client.Failure = new AskTimeoutException("no answer");

        var problem = await ProblemResponse.ReadAsync(await _http.GetAsync(PhaseFlowApi.Task("t1")), HttpStatusCode.ServiceUnavailable);

        Assert.StartsWith("The task did not answer in time", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_TaskCannotBeLoaded_Is503WithTheProblem()
    {
        _client.Failure = new TaskUnavailableException(new TaskProblem("Event #4 of this task's journal cannot be read.", DateTimeOffset.UtcNow));

        var problem = await ProblemResponse.ReadAsync(await _http.GetAsync(PhaseFlowApi.Task("t1")), HttpStatusCode.ServiceUnavailable);

        Assert.Equal("Event #4 of this task's journal cannot be read.", problem.Detail);
    }

    [Fact]
    public async Task Cancel_JournalCannotBeRead_Is503SayingWhy()
    {
        _client.Failure = new SqliteException("database is locked", 5);

        var problem = await ProblemResponse.ReadAsync(await _http.PostAsync(PhaseFlowApi.Cancel("t1"), null), HttpStatusCode.ServiceUnavailable);

        Assert.StartsWith("The task journal could not be read (", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RejectionCode.Unavailable, HttpStatusCode.ServiceUnavailable)]
    [InlineData(RejectionCode.TaskTypeFault, HttpStatusCode.InternalServerError)]
    [InlineData(RejectionCode.InvalidState, HttpStatusCode.Conflict)]
    [InlineData(RejectionCode.NotFound, HttpStatusCode.NotFound)]
    [InlineData(RejectionCode.Overloaded, HttpStatusCode.TooManyRequests)]
    public async Task Resume_Rejected_AnswersTheStatusOfItsCodeWithTheMessage(RejectionCode code, HttpStatusCode expected)
    {
        _client.Rejection = new CommandRejected("t1", code, "what went wrong", TaskLifecycleState.Suspended);

        var problem = await ProblemResponse.ReadAsync(await _http.PostAsync(PhaseFlowApi.Resume("t1"), null), expected);

        Assert.Equal("what went wrong", problem.Detail);
    }

    /// <summary>A client whose every call fails the way the test says.</summary>
    private sealed class FailingClient : IPhaseFlowClient
    {
        public Exception? Failure { get; set; }

        public CommandRejected? Rejection { get; set; }

        public Task<ICommandReply> SubmitAsync(SubmitTask command, CancellationToken cancellationToken = default) => Answer();

        public Task<TaskStatusView?> GetStatusAsync(string taskId, CancellationToken cancellationToken = default) =>
            Failure is null ? Task.FromResult<TaskStatusView?>(null) : Task.FromException<TaskStatusView?>(Failure);

        public Task<ICommandReply> CancelAsync(string taskId, CancellationToken cancellationToken = default) => Answer();

        public Task<ICommandReply> ResumeAsync(string taskId, CancellationToken cancellationToken = default) => Answer();

        public Task<ICommandReply> RetryRevertAsync(string taskId, CancellationToken cancellationToken = default) => Answer();

        public Task<ICommandReply> SignalAsync(string taskId, string name, string? payloadJson, string? signalId = null, CancellationToken cancellationToken = default) => Answer();

        private Task<ICommandReply> Answer() =>
            Failure is not null ? Task.FromException<ICommandReply>(Failure) : Task.FromResult<ICommandReply>(Rejection!);
    }
}
