using PhaseFlow.Contracts;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Host.Packaging;

/// <summary>
/// What a new user does with the packages: install the <c>phaseflow</c> tool and reference <c>PhaseFlow.Contracts</c>
/// from a feed (here a local folder, nothing else: the test needs no network), write a task type in a fresh library,
/// and run it in the installed node.
/// </summary>
public sealed class PackagesTests(PackageFeed packages) : IClassFixture<PackageFeed>
{
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

    [Fact]
    public async Task ToolAndContractsFromALocalFeed_RunATaskTypeOfAFreshLibraryInTheInstalledNode()
    {
        packages.AssertHas("PhaseFlow.Tool");
        packages.AssertHas("PhaseFlow.Contracts", "snupkg");
        var work = Directory.CreateDirectory(Path.Combine(packages.Work, "tool")).FullName;

        await DotnetCommand.RunAsync(work, packages.Environment, "tool", "install", "PhaseFlow.Tool", "--version", PackageFeed.Version, "--tool-path", Path.Combine(work, "tools"));
        var library = Path.Combine(work, "GreetingTasks");
        Directory.CreateDirectory(library);
        await File.WriteAllTextAsync(Path.Combine(library, "GreetingTasks.csproj"), LibraryProject);
        await File.WriteAllTextAsync(Path.Combine(library, "GreetTask.cs"), LibraryCode);
        var output = Path.Combine(work, "out");
        await DotnetCommand.RunAsync(library, packages.Environment, "build", "-c", "Release", "-o", output);

        await using var node = new NodeProcess(Path.Combine(work, "node"), "--tasks-assembly", Path.Combine(output, "GreetingTasks.dll"))
        {
            Executable = Path.Combine(work, "tools", "phaseflow"),
        };
        node.Environment["DOTNET_ROOT"] = DotnetCommand.Root;
        await node.StartAsync();
        var greeting = Path.Combine(work, "greeting.txt");
        await node.SubmitAsync("greet", new { path = greeting, name = "world" }, "greet-1");

        var status = await node.WaitForStateAsync("greet-1", TaskLifecycleState.Succeeded);
        Assert.Equal(["write", "sign"], status.Phases.Select(p => p.Name));
        Assert.Equal("hello world -- signed", await File.ReadAllTextAsync(greeting));
    }

    [Fact]
    public async Task Template_NewTaskLibrary_BuildsAndItsOwnTestsPass()
    {
        packages.AssertHas("PhaseFlow.Templates");
        packages.AssertHas("PhaseFlow.Actors");
        var work = Directory.CreateDirectory(Path.Combine(packages.Work, "template")).FullName;

        await DotnetCommand.RunAsync(work, packages.Environment, "new", "install", Path.Combine(packages.Feed, $"PhaseFlow.Templates.{PackageFeed.Version}.nupkg"));
        await DotnetCommand.RunAsync(work, packages.Environment, "new", "phaseflow-tasks", "-o", "Greeter");
        Assert.True(File.Exists(Path.Combine(work, "Greeter", "Greeter", "Greeter.csproj")), "the template did not name the library after -o");

        // The generated tests run the task in an in-process node (the runtime package, its HOCON included) and check its undo.
        var output = await DotnetCommand.RunAsync(Path.Combine(work, "Greeter"), packages.Environment, "test", Path.Combine("Greeter.Tests", "Greeter.Tests.csproj"));
        Assert.Matches(@"Passed!\s+- Failed:\s+0, Passed:\s+2\b", output);
    }
}
