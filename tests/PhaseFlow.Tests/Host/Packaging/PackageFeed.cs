using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Host.Packaging;

/// <summary>
/// The packages of this build in a local folder feed, and a place to use them as a new user would: its own NuGet
/// cache, CLI home and <c>nuget.config</c>, whose only sources are that feed and the packages the repository's build
/// already restored, so nothing needs the network and no stale package of the same version is picked up.
/// </summary>
public sealed class PackageFeed : IAsyncLifetime
{
    /// <summary>The version every package of this build has.</summary>
    public const string Version = "0.1.0";

    private static readonly string[] Projects =
    [
        "src/Contracts/PhaseFlow.Contracts.csproj",
        "src/Actors/PhaseFlow.Actors.csproj",
        "src/Host/PhaseFlow.Host.csproj",
        "templates/PhaseFlow.Templates.csproj",
    ];

    private readonly TempFolder _work = new("packages");

    /// <summary>Gets the folder to work in; its <c>nuget.config</c> applies to everything below it.</summary>
    public string Work => _work.Path;

    /// <summary>Gets the folder feed with the packages.</summary>
    public string Feed => _work.Combine("feed");

    /// <summary>Gets the variables every <c>dotnet</c> command of a test runs with.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; private set; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        var restored = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        Environment = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = _work.Combine("nuget-cache"),
            ["DOTNET_CLI_HOME"] = _work.Combine("home"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        };
        await File.WriteAllTextAsync(_work.Combine("nuget.config"), $"""
            <configuration>
              <packageSources>
                <clear />
                <add key="phaseflow" value="{Feed}" />
                <add key="restored-by-the-build" value="{restored}" />
              </packageSources>
            </configuration>
            """);

        var root = RepositoryFolder.Root;
        foreach (var project in Projects)
        {
            // The template package has no code to build; the others were built by the test run itself.
            string[] build = project.StartsWith("templates/", StringComparison.Ordinal) ? [] : ["--no-build"];
            await DotnetCommand.RunAsync(root, Environment, ["pack", Path.Combine(root, project), .. build, "-c", RepositoryFolder.Configuration, "-o", Feed]);
        }
    }

    public Task DisposeAsync()
    {
        _work.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Asserts the feed has a package.</summary>
    /// <param name="id">The package id.</param>
    /// <param name="extension"><c>nupkg</c> or <c>snupkg</c>.</param>
    public void AssertHas(string id, string extension = "nupkg") =>
        Assert.True(File.Exists(Path.Combine(Feed, $"{id}.{Version}.{extension}")), $"{id}.{Version}.{extension} was not made");
}
