namespace PhaseFlow.Tests.Host.Api.Fuzz;

/// <summary>A generated request body and whether it is a submission the node may accept.</summary>
/// <param name="Bytes">The bytes sent, or <see langword="null"/> for no body.</param>
/// <param name="Acceptable">
/// <see langword="true"/> only for a well-formed submission of a built-in type with valid input; anything else must be
/// refused with a 4xx.
/// </param>
/// <param name="HasId">Whether the submission names its id (which an earlier submission may hold with other input).</param>
/// <param name="Unpredictable">Whether the body may be accepted or refused (an edge value some fields take): either way, never a 5xx.</param>
public sealed record FuzzBody(byte[]? Bytes, bool Acceptable, bool HasId = true, bool Unpredictable = false);
