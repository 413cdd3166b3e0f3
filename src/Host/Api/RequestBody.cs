using System.Buffers;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using PhaseFlow.Contracts.Http;

namespace PhaseFlow.Host.Api;

/// <summary>Reads a request body of at most <see cref="PhaseFlowApi.MaxRequestBodyBytes"/> bytes of UTF-8 text.</summary>
internal static class RequestBody
{
    /// <summary>Reads the body.</summary>
    /// <param name="request">The HTTP request.</param>
    /// <param name="what">What the body is, for the message about a body too large ("a task submission").</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The body's bytes, or what is wrong with it.</returns>
    public static async Task<(byte[]? Body, string? Problem)> ReadAsync(HttpRequest request, string what, CancellationToken cancellationToken)
    {
        var tooLarge = $"The body is larger than {PhaseFlowApi.MaxRequestBodyBytes} bytes (1 MiB), the most {what} may be.";
        if (request.ContentLength > PhaseFlowApi.MaxRequestBodyBytes)
        {
            return (null, tooLarge);
        }

        // Read at most one byte past the limit: enough to know the body is too large without buffering all of it.
        // The buffer is pooled: a fresh 1 MiB array per request would land on the large-object heap every time.
        var buffer = ArrayPool<byte>.Shared.Rent(PhaseFlowApi.MaxRequestBodyBytes + 1);
        try
        {
            var length = 0;
            int read;
            while (length <= PhaseFlowApi.MaxRequestBodyBytes
                && (read = await request.Body.ReadAsync(buffer.AsMemory(length, PhaseFlowApi.MaxRequestBodyBytes + 1 - length), cancellationToken)) > 0)
            {
                length += read;
            }

            if (length > PhaseFlowApi.MaxRequestBodyBytes)
            {
                return (null, tooLarge);
            }

            // The JSON reader checks the structure, not the text inside strings and names: bytes that are not UTF-8 would
            // fail only when a string is read, as an exception rather than an answer.
            return Utf8.IsValid(buffer.AsSpan(0, length))
                ? (buffer.AsSpan(0, length).ToArray(), null)
                : (null, "The body is not valid UTF-8; JSON must be sent as UTF-8 text.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
