using System.Net.Http.Headers;
using System.Text.Json;

namespace PhaseFlow.Tests.Host.Api.Fuzz;

/// <summary>Sends generated requests exactly as generated (no path clean-up, no header validation) and reads the answers.</summary>
public sealed class FuzzClient : IDisposable
{
    /// <summary>
    /// How long an event stream may take to send its headers; its body is never read (it follows the task forever).
    /// As long as any other answer: the node first asks the task (which may have to recover it) before the stream opens.
    /// </summary>
    public static readonly TimeSpan EventStreamPatience = TimeSpan.FromSeconds(20);

    /// <summary>How long any other answer may take: far more than a healthy node needs, far less than a hang.</summary>
    public static readonly TimeSpan AnswerPatience = TimeSpan.FromSeconds(20);

    private static readonly string[] SettledStates = ["Succeeded", "Reverted", "RevertFailed", "Suspended"];

    private readonly HttpClient _http;
    private readonly string _baseAddress;
    private readonly string? _readAuthorization;

    /// <summary>Initializes a client of the node at <paramref name="port"/>.</summary>
    /// <param name="port">The node's HTTP port on loopback.</param>
    /// <param name="keys">The node's keys; the client's own reads (waiting for tasks to settle) use the strongest.</param>
    public FuzzClient(int port, FuzzKeys keys)
    {
        _baseAddress = $"http://127.0.0.1:{port}";
        _readAuthorization = (keys.WriteKey ?? keys.ReadKey) is { } key ? $"Bearer {key}" : null;
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Sends the request and reads the answer; an event stream that opens is closed after its headers.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="TimeoutException">No answer in time: the node hangs on this request.</exception>
    public async Task<FuzzResponse> SendAsync(FuzzRequest request)
    {
        var uri = new Uri(_baseAddress + request.Target, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), uri);
        var hasContentHeader = request.Headers.Any(h => h.Key.StartsWith("Content-", StringComparison.OrdinalIgnoreCase));
        if (request.Body is not null || hasContentHeader)
        {
            message.Content = request.Chunked
                ? new StreamContent(new UnknownLengthStream(request.Body ?? []))
                : new ByteArrayContent(request.Body ?? []);
        }

        foreach (var (name, value) in request.Headers)
        {
            if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                message.Content!.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        var patience = request.IsEventStream ? EventStreamPatience : AnswerPatience;
        using var timeout = new CancellationTokenSource(patience);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            var streaming = mediaType == "text/event-stream";

            // An open stream follows the task until the client leaves: its headers are the answer, its body is never awaited.
            var body = streaming ? string.Empty : await response.Content.ReadAsStringAsync(timeout.Token);
            return new FuzzResponse(
                (int)response.StatusCode,
                mediaType,
                body,
                string.Join(", ", response.Headers.WwwAuthenticate.Select(h => h.ToString())),
                response.Headers.RetryAfter?.ToString() ?? string.Empty,
                System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"no complete answer within {patience.TotalSeconds:F0} s");
        }
    }

    /// <summary>Waits until the task is settled, so the journal is quiet before the next request is checked.</summary>
    /// <param name="id">The task id from a 2xx answer.</param>
    /// <returns>The settled state.</returns>
    /// <exception cref="TimeoutException">The task did not settle (a hang).</exception>
    public async Task<string> WaitForSettledAsync(string id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var last = "(never read)";
        while (DateTime.UtcNow < deadline)
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, $"{_baseAddress}/tasks/{Uri.EscapeDataString(id)}");
            if (_readAuthorization is not null)
            {
                message.Headers.Authorization = AuthenticationHeaderValue.Parse(_readAuthorization);
            }

            using var response = await _http.SendAsync(message);
            last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            if (response.IsSuccessStatusCode)
            {
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                var state = json.RootElement.GetProperty("state").GetString()!;
                if (SettledStates.Contains(state))
                {
                    return state;
                }
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"task {id} did not settle within 30 s; last answer: {last}");
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    /// <summary>A stream that does not tell its length, so the body goes out chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;
    }
}
