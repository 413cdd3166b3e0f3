using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PhaseFlow.Host.Dashboard;

/// <summary>
/// Serves the web dashboard at <c>/</c>: <c>index.html</c> and its script and style sheet under <see cref="AssetPath"/>,
/// built into the node's assembly (nothing is fetched from anywhere else at run time). The pages hold no data; they
/// read it from the API with the key the user gives, so they are served without one.
/// </summary>
internal static class DashboardEndpoints
{
    /// <summary>Where the dashboard's files are served.</summary>
    public const string AssetPath = "/dashboard";

    private const string ResourcePrefix = "dashboard/";

    // The page runs only its own script and style sheet, talks only to this node, and cannot be framed.
    private const string ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    }.ToFrozenDictionary();

    private static readonly Lazy<FrozenDictionary<string, Asset>> Assets = new(Load);

    /// <summary>Maps <c>/</c> and the dashboard's files.</summary>
    /// <param name="routes">The app's routes.</param>
    /// <returns>The same routes.</returns>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", (HttpContext context) => Serve(context, "index.html"));
        routes.MapGet(AssetPath + "/{file}", (HttpContext context, string file) => Serve(context, file));
        return routes;
    }

    /// <summary>Whether a request reads the dashboard's pages (which need no API key) rather than the API.</summary>
    /// <param name="path">The request's path.</param>
    /// <returns><see langword="true"/> for <c>/</c> and the dashboard's files.</returns>
    public static bool IsDashboard(PathString path) =>
        path == "/" || path.StartsWithSegments(AssetPath, StringComparison.OrdinalIgnoreCase);

    private static IResult Serve(HttpContext context, string file)
    {
        if (!Assets.Value.TryGetValue(file, out var asset))
        {
            return Results.NotFound();
        }

        var headers = context.Response.Headers;
        headers.ETag = asset.ETag;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        if (context.Request.Headers.IfNoneMatch == asset.ETag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Content, asset.ContentType);
    }

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(DashboardEndpoints).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            var file = name[ResourcePrefix.Length..];
            assets[file] = new Asset(content, ContentTypes.GetValueOrDefault(Path.GetExtension(file), "application/octet-stream"), $"\"{Convert.ToHexString(SHA256.HashData(content))[..16]}\"");
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private sealed record Asset(byte[] Content, string ContentType, string ETag);
}
