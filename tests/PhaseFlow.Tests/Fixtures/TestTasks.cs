using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Host.Tasks;

namespace PhaseFlow.Tests.Fixtures;

public static class TestTasks
{
    public static TaskTypeRegistry Registry() => new TaskTypeRegistry()
        .Register(new ScriptedTask())
        .Register(new ScriptedCustomRevertTask())
        .Register(new MkdirTask());
}
