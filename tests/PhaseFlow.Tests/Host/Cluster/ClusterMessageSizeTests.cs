using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Host.Cluster;

/// <summary>
/// The largest messages between nodes fit one remoting frame (hocon/phaseflow.conf): a maximal submission and its
/// status, and the status of a 10,000-phase task, each sent through a node that hosts no task. A message over the
/// frame size is dropped, which the API would answer with 503 on every try.
/// </summary>
public sealed class ClusterMessageSizeTests(ApiAndWorkerCluster nodes) : IClassFixture<ApiAndWorkerCluster>
{
    private static readonly TimeSpan StallPatience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_largest_accepted_submission_reaches_the_worker_and_its_status_comes_back()
    {
        var id = "big-" + Guid.NewGuid().ToString("N");
        var path = Path.Combine(nodes.Cluster.Folder, id + ".txt");
        var (body, content) = LargestBody(id, path);
        Assert.Equal(PhaseFlowApi.MaxRequestBodyBytes, body.Length);

        using var submitted = await PostAsync(body);
        Assert.True(submitted.StatusCode == HttpStatusCode.Accepted, $"{(int)submitted.StatusCode} {await submitted.Content.ReadAsStringAsync()}\n{nodes.Cluster.OutputTail()}");
        var status = await nodes.Api.WaitForStateAsync(id, TaskLifecycleState.Succeeded, TimeSpan.FromSeconds(60));

        Assert.Equal(content, status.Input.GetProperty("content").GetString());
        Assert.Equal(content, await File.ReadAllTextAsync(path));

        // The same body again is the same task: the answer is its status, the largest reply there is.
        using var again = await PostAsync(body);
        Assert.True(again.StatusCode == HttpStatusCode.OK, $"{(int)again.StatusCode} {await again.Content.ReadAsStringAsync()}");
        var existing = await again.Content.ReadFromJsonAsync<TaskResource>(NodeProcess.Json);
        Assert.Equal(content, existing!.Input.GetProperty("content").GetString());

        // It ran on the worker: the submission and both answers crossed between the processes.
        Assert.DoesNotContain($"Task {id} accepted", nodes.Api.Output, StringComparison.Ordinal);
        Assert.Contains($"Task {id} accepted", nodes.Worker.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_full_status_of_a_10000_phase_task_comes_back_through_the_api_node()
    {
        const int Count = 10_000;
        var id = "long-" + Guid.NewGuid().ToString("N");
        await nodes.Api.SubmitAsync("steps", new { count = Count, delayMs = 0 }, id);

        // Every read while it runs must answer too, not only the last one. How fast 10,000 phases run depends on how
        // loaded the machine is, which is not what this test is about: it waits as long as phases keep completing,
        // and gives up only when none has for a minute.
        var completed = 0;
        var lastProgress = DateTimeOffset.UtcNow;
        var status = await Eventually.HoldsAsync(
            async () =>
            {
                using var response = await nodes.Api.Http.GetAsync(PhaseFlowApi.Task(id));
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw Eventually.GiveUp($"a read while the task ran answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{nodes.Cluster.OutputTail()}");
                }

                var read = (await response.Content.ReadFromJsonAsync<TaskResource>(NodeProcess.Json))!;
                var now = read.Phases.Count(p => p.State == PhaseLifecycleState.Completed);
                if (now > completed)
                {
                    (completed, lastProgress) = (now, DateTimeOffset.UtcNow);
                }
                else if (read.State != TaskLifecycleState.Succeeded && DateTimeOffset.UtcNow - lastProgress > StallPatience)
                {
                    throw Eventually.GiveUp($"no phase completed for {StallPatience.TotalSeconds} s: the task is {read.State} with {now} phases completed\n{nodes.Cluster.OutputTail()}");
                }

                return read;
            },
            s => Assert.True(s.State == TaskLifecycleState.Succeeded, $"the task is {s.State} with {s.Phases.Count(p => p.State == PhaseLifecycleState.Completed)} phases completed"),
            TimeSpan.FromMinutes(30),
            interval: TimeSpan.FromSeconds(1));

        Assert.Equal(Count, status.PhaseCount);
        Assert.Equal(Enumerable.Range(0, Count).Select(i => $"step-{i}"), status.Phases.Select(p => p.Name));
        Assert.All(status.Phases, p => Assert.Equal(PhaseLifecycleState.Completed, p.State));
        Assert.Contains($"Task {id} accepted", nodes.Worker.Output, StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> PostAsync(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return nodes.Api.Http.PostAsync(PhaseFlowApi.Tasks, content);
    }

    /// <summary>
    /// A <c>write-file</c> submission of exactly the largest accepted size, its content mostly '&lt;' (which JSON's
    /// default escaping grows most: one byte becomes \u003C, and \\u003C when escaped again) with quotes, a
    /// backslash and non-ASCII characters of two, three and four UTF-8 bytes in between.
    /// </summary>
    private static (byte[] Body, string Content) LargestBody(string id, string path)
    {
        var unit = new string('<', 40) + "\"\\é€😀'&+";
        var empty = Serialize(id, path, string.Empty).Length;
        var perUnit = Serialize(id, path, unit).Length - empty;
        var content = new StringBuilder().Insert(0, unit, (PhaseFlowApi.MaxRequestBodyBytes - empty) / perUnit);
        content.Append('a', PhaseFlowApi.MaxRequestBodyBytes - Serialize(id, path, content.ToString()).Length);
        var text = content.ToString();
        return (Serialize(id, path, text), text);
    }

    // The body as a client may send it: characters as raw UTF-8, only quotes and backslashes escaped.
    private static byte[] Serialize(string id, string path, string content) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new { id, type = "write-file", input = new { path, content } },
            new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
