using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PhaseFlow.Actors.Hosting;
using PhaseFlow.Actors.Observability;
using PhaseFlow.Contracts.Http;

namespace PhaseFlow.Host.Api;

/// <summary>The routes about the node and its cluster rather than one task: <c>GET /cluster</c> and <c>GET /throughput</c>.</summary>
internal static class NodeEndpoints
{
    /// <summary>How many seconds <c>GET /throughput</c> covers without <c>?seconds=</c>.</summary>
    public const int DefaultThroughputSeconds = 300;

    /// <summary>Maps the routes.</summary>
    /// <param name="routes">The app's routes.</param>
    /// <returns>The same routes.</returns>
    public static IEndpointRouteBuilder MapNodeApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(PhaseFlowApi.Cluster, async (ClusterView cluster, CancellationToken cancellationToken) => Results.Json(await cluster.ReadAsync(cancellationToken)));
        routes.MapGet(PhaseFlowApi.Throughput, Throughput);
        return routes;
    }

    private static IResult Throughput(HttpRequest request, PhaseThroughput throughput)
    {
        if (request.Query.Keys.FirstOrDefault(k => k != "seconds") is { } unknown)
        {
            return ApiProblems.BadRequest($"Unknown query parameter '{unknown}'; {PhaseFlowApi.Throughput} takes only seconds.");
        }

        var seconds = DefaultThroughputSeconds;
        if (request.Query.TryGetValue("seconds", out var given)
            && (given.Count != 1 || !int.TryParse(given[0], NumberStyles.None, CultureInfo.InvariantCulture, out seconds) || seconds is < 1 or > PhaseThroughput.MaxSeconds))
        {
            return ApiProblems.BadRequest($"seconds must be one whole number from 1 to {PhaseThroughput.MaxSeconds}; it is '{given}'.");
        }

        return Results.Json(throughput.Read(seconds));
    }
}
