using PhaseFlow.Contracts.Authoring;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>A <see cref="ScriptedTask"/> with its own single revert, which records what it was given.</summary>
public sealed class ScriptedCustomRevertTask : ScriptedTask
{
    public new const string Name = "scripted-custom-revert";

    public override string TypeName => Name;

    protected override Task RevertAsync(ScriptInput input, RevertContext context)
    {
        var script = Script.Get(input.Script);
        script.CapturedRevert = context;
        script.Log.Append("custom revert");
        return script.UndoFailure(-1) is { } failure ? throw failure : Task.CompletedTask;
    }
}
