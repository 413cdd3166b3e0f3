using System.ComponentModel.DataAnnotations;

namespace PhaseFlow.SampleTasks;

/// <summary>Input of the <c>write-file</c> task.</summary>
/// <param name="Path">The absolute path of the file to write; it must not exist yet.</param>
/// <param name="Content">The text to write.</param>
public sealed record WriteFileInput(
    [property: Required(AllowEmptyStrings = false, ErrorMessage = "path is required")] string Path,
    string Content = "");
