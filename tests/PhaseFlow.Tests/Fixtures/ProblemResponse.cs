using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using PhaseFlow.Contracts.Http;
using Xunit;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>The fields of an <c>application/problem+json</c> body the tests check.</summary>
public sealed record ProblemResponse(
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("detail")] string Detail)
{
    /// <summary>Asserts the response is a problem with <paramref name="status"/> and reads it.</summary>
    public static async Task<ProblemResponse> ReadAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(PhaseFlowApi.ProblemContentType, response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemResponse>(NodeProcess.Json))!;
        Assert.Equal((int)status, problem.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
        return problem;
    }
}
