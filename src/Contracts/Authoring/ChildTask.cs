using System.Text.Json;

namespace PhaseFlow.Contracts.Authoring;

/// <summary>One child task a phase starts (<see cref="Phase.StartChildren"/>): a registered task type and its input.</summary>
/// <param name="TaskType">The registered task type's name.</param>
/// <param name="InputJson">The input as JSON; it must bind to the task type's input.</param>
public sealed record ChildTask(string TaskType, string InputJson)
{
    /// <summary>Creates a child task from a typed input, serialised with <see cref="PhaseFlowJson.Options"/>.</summary>
    /// <typeparam name="TInput">The input's type.</typeparam>
    /// <param name="taskType">The registered task type's name.</param>
    /// <param name="input">The input.</param>
    /// <returns>The child task.</returns>
    public static ChildTask Of<TInput>(string taskType, TInput input) =>
        new(taskType, JsonSerializer.Serialize(input, PhaseFlowJson.Options));
}
