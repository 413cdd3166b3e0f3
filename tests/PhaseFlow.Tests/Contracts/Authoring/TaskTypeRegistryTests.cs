using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Host.Tasks;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Contracts.Authoring;

public sealed class TaskTypeRegistryTests
{
    [Fact]
    public void Resolve_UnknownName_ListsTheKnownTypes()
    {
        var registry = TestTasks.Registry();

        var error = Assert.Throws<UnknownTaskTypeException>(() => registry.Resolve("mkdirr"));

        Assert.Equal("Unknown task type 'mkdirr'. Known types: mkdir, scripted, scripted-custom-revert.", error.Message);
    }

    [Fact]
    public void Register_SameNameTwice_IsRejected()
    {
        var registry = new TaskTypeRegistry().Register(new MkdirTask());

        var error = Assert.Throws<ArgumentException>(() => registry.Register(new MkdirTask()));

        Assert.Contains("'mkdir' is registered twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BindInput_DefaultsAndLayout_GiveOneCanonicalJson()
    {
        // The root is where mkdir may create directories; this test only binds.
        var definition = new MkdirTask(new DemoRoot("/srv"));

        var bound = definition.BindInput("""  { "path" : "/srv/a" }  """);

        Assert.Equal("""{"path":"/srv/a"}""", bound.CanonicalJson);
        Assert.Equal(new MkdirInput("/srv/a"), bound.Value);
    }

    [Fact]
    public void BindInput_MissingRequiredProperty_SaysWhichOne()
    {
        var error = Assert.Throws<TaskInputException>(() => new MkdirTask().BindInput("{}"));

        Assert.Equal("Invalid input for task type 'mkdir': input.path is required", error.Message);
        Assert.DoesNotContain("MkdirInput", error.Message, StringComparison.Ordinal);
    }
}
