using System.Text.Json;
using Microsoft.AspNetCore.Http;
using PhaseFlow.Contracts;

namespace PhaseFlow.Host.Api;

/// <summary>
/// Reads <c>POST /tasks/{id}/signals/{name}</c>: the body is the signal's payload, any JSON value (an empty body is no
/// payload), and the optional <c>signalId</c> query parameter makes the delivery idempotent.
/// </summary>
internal static class SignalRequestReader
{
    /// <summary>The query parameter that carries the sender's id for the signal.</summary>
    public const string SignalIdParameter = "signalId";

    /// <summary>Reads and checks the request.</summary>
    /// <param name="request">The HTTP request.</param>
    /// <param name="name">The signal's name from the route.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The payload as JSON text (or <see langword="null"/>) and the signal id, or what is wrong.</returns>
    public static async Task<(string? PayloadJson, string? SignalId, string? Problem)> ReadAsync(HttpRequest request, string name, CancellationToken cancellationToken)
    {
        if (!SignalNames.IsValid(name))
        {
            return (null, null, SignalNames.Explain("signal name", name));
        }

        string? signalId = null;
        if (request.Query.TryGetValue(SignalIdParameter, out var ids))
        {
            signalId = ids.ToString();
            if (ids.Count != 1 || !SignalNames.IsValid(signalId))
            {
                return (null, null, SignalNames.Explain("signal id", signalId));
            }
        }

        var (body, problem) = await RequestBody.ReadAsync(request, "a signal's payload", cancellationToken);
        if (body is null)
        {
            return (null, null, problem);
        }

        if (body.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            return (null, signalId, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return (document.RootElement.GetRawText(), signalId, null);
        }
        catch (JsonException e)
        {
            return (null, null, $"The body is not valid JSON: {e.Message} The body is the signal's payload: any JSON value, such as {{\"approved\": true}}, or nothing.");
        }
    }
}
