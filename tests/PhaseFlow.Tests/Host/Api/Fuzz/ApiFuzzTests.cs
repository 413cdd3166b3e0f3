using System.Globalization;
using System.Net;
using System.Text.Json;
using CsCheck;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Host.Api.Fuzz;

/// <summary>
/// Sends generated requests to a real node process and checks every answer (2xx or a problem+json 4xx, no leaks),
/// that nothing is stored for a refused request, and that the node is healthy at the end.
/// </summary>
/// <remarks>
/// <c>PHASEFLOW_API_FUZZ_REQUESTS</c> sets the number of requests (default <see cref="DefaultRequests"/>);
/// <c>PHASEFLOW_API_FUZZ_SEED</c> replays a run from the seed a failure printed.
/// </remarks>
public sealed class ApiFuzzTests(ITestOutputHelper output)
{
    /// <summary>The CI size: well under a minute on a shared two-core machine.</summary>
    public const int DefaultRequests = 500;

    [Fact]
    public Task Generated_requests_get_2xx_or_a_problem_store_nothing_when_refused_and_leave_the_node_healthy() =>
        FuzzAsync(FuzzKeys.None);

    [Fact]
    public Task With_api_keys_every_request_without_the_right_key_gets_401_or_403_and_the_rest_as_without_keys() =>
        FuzzAsync(new FuzzKeys("fuzz-write-key-" + Guid.NewGuid().ToString("N"), "fuzz-read-key-" + Guid.NewGuid().ToString("N")));

    private async Task FuzzAsync(FuzzKeys keys)
    {
        var requests = RequestCount();
        var seed = Environment.GetEnvironmentVariable("PHASEFLOW_API_FUZZ_SEED") is { Length: > 0 } given ? given : null;
        using var folder = new TempFolder("fuzz");
        var sandbox = Directory.CreateDirectory(folder.Combine("sandbox")).FullName;

        // The demo tasks may touch only the sandbox: the generator never names a path outside it, and the node refuses one.
        List<string> args = ["--demo-root", sandbox];
        if (keys.WriteKey is not null)
        {
            args.AddRange(["--api-key", keys.WriteKey]);
        }

        if (keys.ReadKey is not null)
        {
            args.AddRange(["--api-read-key", keys.ReadKey]);
        }

        await using var node = new NodeProcess(folder.Path, [.. args]);
        await node.StartAsync();
        using var client = new FuzzClient(node.HttpPort, keys);
        var ids = new FuzzIds("fz" + Guid.NewGuid().ToString("N")[..6]);
        var generator = new FuzzRequests(ids, new FuzzBodies(sandbox, ids), keys);
        var summary = new FuzzRunSummary();
        var journalRows = node.Journal.CountRows();

        async Task SendAndCheckAsync(FuzzRequest request)
        {
            FuzzResponse response;
            try
            {
                response = await client.SendAsync(request);
            }
            catch (Exception e) when (e is TimeoutException or HttpRequestException)
            {
                summary.Failed();
                throw new FuzzFailure($"no answer: {e.Message}\nrequest: {request}\nnode running: {node.IsRunning}\n{Tail(node.Output)}");
            }

            summary.Record(request, response);
            var fault = FuzzVerdict.Check(request, response, keys);
            var rows = node.Journal.CountRows();
            if (response.IsSuccess && request.Method == "POST" && TaskIdOf(response) is { } id)
            {
                // Let the task finish before the next request, so the next count sees only what that request stored.
                await client.WaitForSettledAsync(id);
                summary.Settled();
                rows = node.Journal.CountRows();
            }
            else
            {
                summary.JournalChecked();
                if (rows != journalRows)
                {
                    fault ??= $"the journal grew from {journalRows} to {rows} rows for a {response.Status} answer (nothing may be stored for it)";
                }
            }

            journalRows = rows;
            if (fault is not null)
            {
                summary.Failed();
                throw new FuzzFailure($"{fault}\nrequest: {request}\nanswer: {response}");
            }
        }

        try
        {
            await generator.Request.SampleAsync(SendAndCheckAsync, output.WriteLine, seed: seed, iter: requests, threads: 1, print: r => r.ToString());
        }
        catch (CsCheckException e)
        {
            throw new FuzzFailure($"{e.Message}\nReplay: set PHASEFLOW_API_FUZZ_SEED to the seed above (the node starts empty, so a failure that needed earlier tasks may need the whole run again).", e);
        }
        finally
        {
            output.WriteLine(summary.Describe(keys.Enforced ? "API keys: full and read-only" : "no API keys", seed ?? "random", node.Journal.CountRows()));
        }

        Assert.True(node.IsRunning, $"the node exited during the run:\n{Tail(node.Output)}");
        using var health = await node.Http.GetAsync(PhaseFlowApi.Health);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(requests, summary.Requests);
        Assert.Equal(0, summary.Failures);
    }

    private static long RequestCount() =>
        Environment.GetEnvironmentVariable("PHASEFLOW_API_FUZZ_REQUESTS") is { Length: > 0 } text
            ? long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture)
            : DefaultRequests;

    /// <summary>The <c>id</c> of a 2xx answer about a task (a submission, a repeated submission, a command), if it names one.</summary>
    private static string? TaskIdOf(FuzzResponse response)
    {
        try
        {
            using var json = JsonDocument.Parse(response.Body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];

    /// <summary>A broken rule, with the request and the answer.</summary>
    private sealed class FuzzFailure : Exception
    {
        public FuzzFailure(string message)
            : base(message)
        {
        }

        public FuzzFailure(string message, Exception inner)
            : base(message, inner)
        {
        }
    }
}
