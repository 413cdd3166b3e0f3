using System.Text.Json;

namespace PhaseFlow.Contracts.Http;

/// <summary>The body of <c>POST /tasks</c>.</summary>
/// <param name="Type">The task type's name, for example <c>mkdir</c>.</param>
/// <param name="Input">The task's input: a JSON object that binds to the type's input.</param>
/// <param name="Id">The task's id; the server generates one when it is absent.</param>
public sealed record SubmitTaskRequest(string Type, JsonElement Input, string? Id = null);
