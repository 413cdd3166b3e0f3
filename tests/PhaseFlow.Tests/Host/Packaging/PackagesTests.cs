using PhaseFlow.Contracts;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Host.Packaging;

/// <summary>
/// What a new user does with the packages: install the <c>phaseflow</c> tool and reference <c>PhaseFlow.Contracts</c>
/// from a feed (here a local folder, nothing else: the test needs no network), write a task type in a fresh library,
/// and run it in the installed node.
/// </summary>
public sealed class PackagesTests : IDisposable
{
    private const string Version = "0.1.0";

    private const string LibraryProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="PhaseFlow.Contracts" Version="0.1.0" />
          </ItemGroup>
        </Project>
        """;

    // The README's "Adding your own task type" example, with its using lines, as a newcomer would paste it.
    private const string LibraryCode = """
        using PhaseFlow.Contracts.Authoring;

        namespace GreetingTasks;

        public sealed record GreetInput(string Path, string Name);

        public sealed class GreetTask : TaskDefinition<GreetInput>
        {
            public override string TypeName => "greet";

            protected override int? ExpectedPhaseCount(GreetInput input) => 2;

            protected override IEnumerable<Phase> Plan(GreetInput input, PlanContext plan)
            {
                yield return Phase.Run("write", context => File.WriteAllTextAsync(input.Path, $"hello {input.Name}", context.CancellationToken))
                    .WithUndo(_ => { File.Delete(input.Path); return Task.CompletedTask; });
                yield return Phase.Run("sign", context => File.AppendAllTextAsync(input.Path, " -- signed", context.CancellationToken));
            }
        }
        """;

    private readonly TempFolder _work = new("packages");

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task ToolAndContractsFromALocalFeed_RunATaskTypeOfAFreshLibraryInTheInstalledNode()
    {
        var feed = _work.Combine("feed");
        var root = RepositoryFolder.Root;
        var isolated = new Dictionary<string, string>
        {
            // Its own package cache, so a package of this build is never mistaken for a cached one of the same version.
            ["NUGET_PACKAGES"] = _work.Combine("nuget-cache"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        await File.WriteAllTextAsync(_work.Combine("nuget.config"), $"""
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        foreach (var project in new[] { "src/Contracts/PhaseFlow.Contracts.csproj", "src/Host/PhaseFlow.Host.csproj" })
        {
            await DotnetCommand.RunAsync(root, isolated, "pack", Path.Combine(root, project), "--no-build", "-c", RepositoryFolder.Configuration, "-o", feed);
        }

        Assert.True(File.Exists(Path.Combine(feed, $"PhaseFlow.Tool.{Version}.nupkg")), "the tool package was not made");
        Assert.True(File.Exists(Path.Combine(feed, $"PhaseFlow.Contracts.{Version}.snupkg")), "the contracts' symbols package was not made");

        await DotnetCommand.RunAsync(_work.Path, isolated, "tool", "install", "PhaseFlow.Tool", "--version", Version, "--tool-path", _work.Combine("tools"));
        var library = _work.Combine("GreetingTasks");
        Directory.CreateDirectory(library);
        await File.WriteAllTextAsync(Path.Combine(library, "GreetingTasks.csproj"), LibraryProject);
        await File.WriteAllTextAsync(Path.Combine(library, "GreetTask.cs"), LibraryCode);
        var output = _work.Combine("out");
        await DotnetCommand.RunAsync(library, isolated, "build", "-c", "Release", "-o", output);

        await using var node = new NodeProcess(_work.Combine("node"), "--tasks-assembly", Path.Combine(output, "GreetingTasks.dll"))
        {
            Executable = _work.Combine("tools/phaseflow"),
        };
        node.Environment["DOTNET_ROOT"] = DotnetCommand.Root;
        await node.StartAsync();
        var greeting = _work.Combine("greeting.txt");
        await node.SubmitAsync("greet", new { path = greeting, name = "world" }, "greet-1");

        var status = await node.WaitForStateAsync("greet-1", TaskLifecycleState.Succeeded);
        Assert.Equal(["write", "sign"], status.Phases.Select(p => p.Name));
        Assert.Equal("hello world -- signed", await File.ReadAllTextAsync(greeting));
    }
}
