using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using Xunit;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>The node's HTTP API as tests use it: submit, read a task, wait for a state.</summary>
public sealed partial class NodeProcess
{
    /// <summary>Gets the JSON options of the HTTP API (web defaults, enums as strings).</summary>
    public static readonly JsonSerializerOptions Json = CreateJson();

    public async Task<TaskCommandResponse> SubmitAsync(string type, object input, string? id = null)
    {
        using var response = await Http.PostAsJsonAsync(PhaseFlowApi.Tasks, new { id, type, input }, Json);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"submit answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<TaskCommandResponse>(Json))!;
    }

    /// <summary>
    /// Submits a task with an id until it is accepted (202) or found already accepted with the same content (200),
    /// trying again while the node answers 503 ("try again"); any other answer fails at once.
    /// </summary>
    public Task SubmitUntilAcceptedAsync(string type, object input, string id, TimeSpan? patience = null) =>
        Eventually.HoldsAsync(
            async () =>
            {
                using var response = await Http.PostAsJsonAsync(PhaseFlowApi.Tasks, new { id, type, input }, Json);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode is not (HttpStatusCode.Accepted or HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable))
                {
                    throw Eventually.GiveUp($"submit of {id} answered {(int)response.StatusCode}: {body}");
                }

                return (Status: response.StatusCode, Body: body);
            },
            answer => Assert.True(answer.Status != HttpStatusCode.ServiceUnavailable, $"submit of {id} answered 503: {answer.Body}"),
            patience ?? TimeSpan.FromSeconds(120),
            OutputTail);

    public async Task<TaskResource?> GetAsync(string id)
    {
        using var response = await Http.GetAsync(PhaseFlowApi.Task(id));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        Assert.True(response.IsSuccessStatusCode, $"GET answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<TaskResource>(Json);
    }

    /// <summary>Polls the task until it is in <paramref name="state"/>; fails with the last status otherwise.</summary>
    public Task<TaskResource> WaitForStateAsync(string id, TaskLifecycleState state, TimeSpan? patience = null) =>
        WaitForTaskAsync(id, status => Assert.Equal(state, status.State), patience);

    /// <summary>Polls the task until it is settled (<see cref="TaskLifecycleStates.IsSettled"/>) and returns it, whichever settled state it reached.</summary>
    public Task<TaskResource> WaitForSettledAsync(string id, TimeSpan? patience = null) =>
        WaitForTaskAsync(id, status => Assert.True(status.State.IsSettled(), $"task {id} is {status.State}, not settled"), patience);

    /// <summary>Polls the task until <paramref name="assertion"/> holds for its status; fails with the last status otherwise.</summary>
    public async Task<TaskResource> WaitForTaskAsync(string id, Action<TaskResource> assertion, TimeSpan? patience = null) =>
        (await Eventually.HoldsAsync(
            () => GetAsync(id),
            status =>
            {
                Assert.True(status is not null, $"task {id} is not known");
                assertion(status);
            },
            patience,
            OutputTail,
            TimeSpan.FromMilliseconds(50)))!;

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
