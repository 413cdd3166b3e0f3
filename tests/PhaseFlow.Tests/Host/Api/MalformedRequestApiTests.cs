using System.Net;
using System.Text;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Host.Api;

/// <summary>
/// Requests the API fuzzer (<see cref="Fuzz.ApiFuzzTests"/>) found mishandled, one test each, against a real node:
/// each gets a problem+json 4xx that names the mistake, shows no .NET type, and stores nothing.
/// </summary>
public sealed class MalformedRequestApiTests(SharedNode shared) : IClassFixture<SharedNode>
{
    private NodeProcess Node => shared.Node;

    [Theory]
    [InlineData(new byte[] { 0xFF }, "type")]
    [InlineData(new byte[] { 0xC3, 0x28 }, "id")]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, "type")]
    public async Task Submit_body_with_invalid_utf8_in_a_string_is_a_400_not_a_500(byte[] bad, string field)
    {
        var id = NewId();
        var before = Node.Journal.CountRows();
        byte[] body = field == "type"
            ? [.. Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\",\"type\":\""), .. bad, .. "steps\",\"input\":{\"count\":1}}"u8]
            : [.. "{\"id\":\""u8, .. bad, .. Encoding.UTF8.GetBytes($"{id}\",\"type\":\"steps\",\"input\":{{\"count\":1}}}}")];

        using var response = await Node.Http.PostAsync(PhaseFlowApi.Tasks, Bytes(body));

        var problem = await ProblemResponse.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("UTF-8", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(before, Node.Journal.CountRows());
    }

    [Fact]
    public async Task Submit_body_with_an_unpaired_surrogate_escape_in_a_name_is_a_400_not_a_500()
    {
        using var response = await Node.Http.PostAsync(PhaseFlowApi.Tasks, SubmitApiTests.Json("""{"type":"steps","input":{"count":1},"\ud800":1}"""));

        var problem = await ProblemResponse.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("surrogate", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"count":"many"}""", "input.count must be a whole number")]
    [InlineData("""{"count":1e400}""", "input.count must be a whole number")]
    [InlineData("""{"count":1,"revertFails":"yes"}""", "input.revertFails must be true or false")]
    [InlineData("""{"count":1,"colour":"red"}""", "input.colour is not a field of the input")]
    public async Task Submit_input_that_does_not_bind_is_explained_without_type_names(string input, string named)
    {
        using var response = await Node.Http.PostAsync(PhaseFlowApi.Tasks, SubmitApiTests.Json($$"""{"id":"{{NewId()}}","type":"steps","input":{{input}}}"""));

        var problem = await ProblemResponse.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(named, problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("PhaseFlow.", problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("StepsInput", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_steps_with_a_NUL_in_its_journal_path_is_refused_and_nothing_is_stored()
    {
        var id = NewId();
        var before = Node.Journal.CountRows();
        var journal = Path.Combine(Node.Folder, "journal") + "\\u0000.txt";

        using var response = await Node.Http.PostAsync(PhaseFlowApi.Tasks, SubmitApiTests.Json($$$"""{"id":"{{{id}}}","type":"steps","input":{"count":1,"journal":"{{{journal}}}"}}"""));

        var problem = await ProblemResponse.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("journal must not contain NUL", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(before, Node.Journal.CountRows());
        Assert.Null(await Node.GetAsync(id));
    }

    [Theory]
    [InlineData("state=Running&state=Reverted", "given more than once")]
    [InlineData("limit=5&limit=6", "given more than once")]
    [InlineData("state=Running,Succeeded", "is not a task state")]
    [InlineData("state=Running%2C%20Reverted", "is not a task state")]
    public async Task List_with_a_repeated_or_combined_filter_is_a_400_not_another_state(string query, string expected)
    {
        using var response = await Node.Http.GetAsync($"{PhaseFlowApi.Tasks}?{query}");

        var problem = await ProblemResponse.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(expected, problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/healthz", HttpStatusCode.NotFound)]
    [InlineData("PUT", "/tasks/t1/cancel/now", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/tasks/t1", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/tasks/t1/cancel", HttpStatusCode.MethodNotAllowed)]
    [InlineData("POST", "/health", HttpStatusCode.MethodNotAllowed)]
    public async Task A_path_or_method_the_API_does_not_have_gets_a_problem_naming_the_routes(string method, string path, HttpStatusCode status)
    {
        using var response = await Node.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        var problem = await ProblemResponse.ReadAsync(response, status);
        Assert.Contains($"{method} {path}", problem.Detail, StringComparison.Ordinal);
        Assert.Contains("GET /tasks/{id}/events", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_with_an_id_ending_in_a_newline_is_refused()
    {
        var id = NewId();

        using var response = await Node.Http.PostAsync(PhaseFlowApi.Tasks, SubmitApiTests.Json($$$"""{"id":"{{{id}}}\n","type":"steps","input":{"count":1}}"""));

        var problem = await ProblemResponse.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("is invalid", problem.Detail, StringComparison.Ordinal);
        Assert.Null(await Node.GetAsync(id));
    }

    private static ByteArrayContent Bytes(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        return content;
    }

    private static string NewId() => "bad-" + Guid.NewGuid().ToString("N");
}
