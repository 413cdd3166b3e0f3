using System.Text.Json;

namespace PhaseFlow.Client;

/// <summary>The fields of an RFC 9457 problem-details body that the client reads; anything else is ignored.</summary>
/// <param name="Type">A URI naming the kind of problem.</param>
/// <param name="Title">A short summary of the kind of problem.</param>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Detail">What went wrong this time, written for an operator.</param>
/// <param name="Errors">Validation errors, when the server lists them (an object of arrays or an array).</param>
internal sealed record ProblemBody(string? Type, string? Title, int? Status, string? Detail, JsonElement? Errors);
