using System.ComponentModel.DataAnnotations;

namespace PhaseFlow.Host.Tasks;

/// <summary>Input of the <c>mkdir</c> task.</summary>
/// <param name="Path">The absolute path of the directory to create, with every missing parent.</param>
public sealed record MkdirInput([property: Required(AllowEmptyStrings = false, ErrorMessage = "path is required")] string Path);
