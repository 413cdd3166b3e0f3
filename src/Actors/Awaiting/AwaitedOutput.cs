using System.Text;
using System.Text.Json;
using PhaseFlow.Actors.Tasks;

namespace PhaseFlow.Actors.Awaiting;

/// <summary>The output of a phase that waited for other tasks, as JSON.</summary>
internal static class AwaitedOutput
{
    /// <summary>A children phase's output: each child's output (its last phase's), in the children's order.</summary>
    /// <param name="children">The children, all succeeded.</param>
    /// <returns>A JSON array.</returns>
    public static string Of(IReadOnlyList<AwaitedTask> children)
    {
        var json = new StringBuilder("[");
        for (var i = 0; i < children.Count; i++)
        {
            json.Append(i == 0 ? string.Empty : ",").Append(children[i].OutputJson ?? "null");
        }

        return json.Append(']').ToString();
    }

    /// <summary>A <c>WaitForTask</c> phase's output: <c>{"taskId", "state", "output", "error": {"kind", "message"}}</c>.</summary>
    /// <param name="task">The task it waited for, finished.</param>
    /// <returns>A JSON object.</returns>
    public static string Of(AwaitedTask task)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("taskId", task.TaskId);
            writer.WriteString("state", task.State?.ToString());
            writer.WritePropertyName("output");
            if (task.OutputJson is { } output)
            {
                writer.WriteRawValue(output);
            }
            else
            {
                writer.WriteNullValue();
            }

            if (task.Error is { } error)
            {
                writer.WriteStartObject("error");
                writer.WriteString("kind", error.Type);
                writer.WriteString("message", error.Message);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("error");
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
