using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;

namespace PhaseFlow.Client;

/// <summary>
/// A typed client of PhaseFlow's HTTP API (<see cref="PhaseFlowApi"/>), used by the <c>phaseflow</c> CLI and by any
/// .NET program that submits or watches tasks.
/// </summary>
/// <remarks>
/// Requests are written in the wire format of <see cref="PhaseFlowJson.Options"/>; responses are read leniently
/// (unknown members ignored) so a newer server does not break an older client. An error response becomes a
/// <see cref="PhaseFlowApiException"/> carrying the status code and the problem's <c>detail</c>; a server that cannot
/// be reached becomes one with no status code and a message that says so.
/// </remarks>
public sealed partial class PhaseFlowHttpClient
{
    private const string EventStreamContentType = "text/event-stream";
    private const string LastEventIdHeader = "Last-Event-ID";

    private readonly HttpClient http;

    /// <summary>Creates a client over <paramref name="httpClient"/>, which it does not own or dispose.</summary>
    /// <param name="httpClient">An HTTP client whose <see cref="HttpClient.BaseAddress"/> is the node's URL.</param>
    /// <exception cref="ArgumentException"><paramref name="httpClient"/> has no base address.</exception>
    public PhaseFlowHttpClient(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        if (httpClient.BaseAddress is null)
        {
            throw new ArgumentException("The HTTP client needs a BaseAddress: the PhaseFlow node's URL.", nameof(httpClient));
        }

        http = httpClient;
    }

    /// <summary>Gets the node's URL.</summary>
    public Uri BaseAddress => http.BaseAddress!;

    /// <summary>Submits a task (<c>POST /tasks</c>).</summary>
    /// <param name="type">The task type's name, for example <c>mkdir</c>.</param>
    /// <param name="input">The task's input, a JSON object.</param>
    /// <param name="id">The task's id; the server generates one when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new task (202) or the identical task that already existed (200).</returns>
    /// <exception cref="PhaseFlowApiException">The input was rejected (400), the id is taken by different content (409), or the server could not be reached.</exception>
    public async Task<SubmitTaskResult> SubmitAsync(string type, JsonElement input, string? id = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        using var request = new HttpRequestMessage(HttpMethod.Post, PhaseFlowApi.Tasks)
        {
            Content = JsonContent.Create(new SubmitTaskRequest(type, input, id), options: HttpJson.Write),
        };
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return response.StatusCode switch
        {
            HttpStatusCode.Accepted => new SubmitTaskResult(true, await ReadAsync<TaskCommandResponse>(response, cancellationToken).ConfigureAwait(false), null),
            HttpStatusCode.OK => new SubmitTaskResult(false, null, await ReadAsync<TaskResource>(response, cancellationToken).ConfigureAwait(false)),
            _ => throw await ErrorAsync(response, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>Reads one task (<c>GET /tasks/{id}</c>).</summary>
    /// <param name="id">The task's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The task, or <see langword="null"/> when no task has that id (404).</returns>
    /// <exception cref="PhaseFlowApiException">Any other error, or the server could not be reached.</exception>
    public async Task<TaskResource?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        using var request = new HttpRequestMessage(HttpMethod.Get, PhaseFlowApi.Task(id));
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        return response.IsSuccessStatusCode
            ? await ReadAsync<TaskResource>(response, cancellationToken).ConfigureAwait(false)
            : throw await ErrorAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists tasks, newest first (<c>GET /tasks</c>).</summary>
    /// <param name="state">Only tasks in this state.</param>
    /// <param name="type">Only tasks of this type.</param>
    /// <param name="limit">The page size (at most <see cref="PhaseFlowApi.MaxPageSize"/>); the server's default when <see langword="null"/>.</param>
    /// <param name="after">The <see cref="TaskListPage.Next"/> of the previous page.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>One page.</returns>
    /// <exception cref="PhaseFlowApiException">The query was rejected (400), or the server could not be reached.</exception>
    public Task<TaskListPage> ListAsync(
        TaskLifecycleState? state = null,
        string? type = null,
        int? limit = null,
        string? after = null,
        CancellationToken cancellationToken = default) =>
        ListPageAsync(state, type, null, limit, after, cancellationToken);

    /// <summary>Lists the child tasks of one task, newest first (<c>GET /tasks?parent=ID</c>).</summary>
    /// <param name="parentId">The parent task's id.</param>
    /// <param name="state">Only children in this state.</param>
    /// <param name="type">Only children of this type.</param>
    /// <param name="limit">The page size (at most <see cref="PhaseFlowApi.MaxPageSize"/>); the server's default when <see langword="null"/>.</param>
    /// <param name="after">The <see cref="TaskListPage.Next"/> of the previous page.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>One page; empty when the task has no children (or does not exist).</returns>
    /// <exception cref="ArgumentException"><paramref name="parentId"/> is null or blank.</exception>
    /// <exception cref="PhaseFlowApiException">The query was rejected (400, for instance an invalid id), or the server could not be reached.</exception>
    public Task<TaskListPage> ListChildrenAsync(
        string parentId,
        TaskLifecycleState? state = null,
        string? type = null,
        int? limit = null,
        string? after = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(parentId);
        return ListPageAsync(state, type, parentId, limit, after, cancellationToken);
    }

    private async Task<TaskListPage> ListPageAsync(
        TaskLifecycleState? state,
        string? type,
        string? parentId,
        int? limit,
        string? after,
        CancellationToken cancellationToken)
    {
        var query = new List<string>();
        if (state is not null)
        {
            query.Add("state=" + Uri.EscapeDataString(state.Value.ToString()));
        }

        if (!string.IsNullOrEmpty(type))
        {
            query.Add("type=" + Uri.EscapeDataString(type));
        }

        if (parentId is not null)
        {
            query.Add("parent=" + Uri.EscapeDataString(parentId));
        }

        if (limit is not null)
        {
            query.Add("limit=" + limit.Value.ToString(CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(after))
        {
            query.Add("after=" + Uri.EscapeDataString(after));
        }

        var path = query.Count == 0 ? PhaseFlowApi.Tasks : PhaseFlowApi.Tasks + "?" + string.Join('&', query);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode
            ? await ReadAsync<TaskListPage>(response, cancellationToken).ConfigureAwait(false)
            : throw await ErrorAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Follows a task's changes (<c>GET /tasks/{id}/events</c>, server-sent events) until the server closes the stream.
    /// </summary>
    /// <remarks>
    /// The server closes the stream once the task is Succeeded, Reverted, RevertFailed or Suspended. A stream that
    /// ends before that was cut: call again with the last <see cref="TaskChange.Sequence"/> seen as
    /// <paramref name="lastEventId"/> to resume without gaps. Events of kinds other than <c>phase</c>, <c>state</c> and
    /// <c>awaited</c> are skipped, so a server may add kinds without breaking this client.
    /// </remarks>
    /// <param name="id">The task's id.</param>
    /// <param name="lastEventId">The sequence of the last change already seen, sent as <c>Last-Event-ID</c>.</param>
    /// <param name="cancellationToken">Stops following.</param>
    /// <returns>The changes, in journal order.</returns>
    /// <exception cref="PhaseFlowApiException">No such task (404), the server could not be reached, or the connection broke (no status code).</exception>
    public async IAsyncEnumerable<TaskChange> WatchAsync(
        string id,
        long? lastEventId = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        using var request = new HttpRequestMessage(HttpMethod.Get, PhaseFlowApi.Events(id));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(EventStreamContentType));
        if (lastEventId is not null)
        {
            request.Headers.Add(LastEventIdHeader, lastEventId.Value.ToString(CultureInfo.InvariantCulture));
        }

        using var response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, cancellationToken).ConfigureAwait(false);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var parser = SseParser.Create(stream, ParseChange);
            var items = parser.EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            await using (items.ConfigureAwait(false))
            {
                while (true)
                {
                    // A yield cannot sit inside a try with a catch, so the read is translated here and yielded below.
                    bool more;
                    try
                    {
                        more = await items.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
                    {
                        throw new PhaseFlowApiException($"the event stream of task {id} from PhaseFlow at {BaseAddress} broke: {e.Message}", e);
                    }

                    if (!more)
                    {
                        yield break;
                    }

                    var item = items.Current;
                    if (item.Data is { } change)
                    {
                        // The SSE id is authoritative for resuming; a body without a sequence takes it from there.
                        if (change.Sequence == 0 && long.TryParse(item.EventId, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
                        {
                            change = change with { Sequence = sequence };
                        }

                        yield return change;
                    }
                }
            }
        }
    }

    /// <summary>Asks whether the node is ready (<c>GET /health</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The report: <c>ready</c> (200) or <c>starting</c> (503), which is an answer, not an error.</returns>
    /// <exception cref="PhaseFlowApiException">Any other answer, or the server could not be reached.</exception>
    public async Task<HealthReport> HealthAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, PhaseFlowApi.Health);
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var isReport = response.IsSuccessStatusCode
            || (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Content.Headers.ContentType?.MediaType == "application/json");
        return isReport
            ? await ReadAsync<HealthReport>(response, cancellationToken).ConfigureAwait(false)
            : throw await ErrorAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private static TaskChange? ParseChange(string eventType, ReadOnlySpan<byte> data)
    {
        if (eventType is not (TaskChangeKinds.Phase or TaskChangeKinds.State or TaskChangeKinds.Awaited))
        {
            return null;
        }

        var change = JsonSerializer.Deserialize<TaskChange>(data, HttpJson.Read);
        return change is null || change.Kind is not null ? change : change with { Kind = eventType };
    }

    private async Task<TaskCommandResponse> PostCommandAsync(string path, CancellationToken cancellationToken, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode
            ? await ReadAsync<TaskCommandResponse>(response, cancellationToken).ConfigureAwait(false)
            : throw await ErrorAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.StatusCode is null)
        {
            throw Unreachable(e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient reports its own timeout as a cancellation the caller never asked for.
            throw new PhaseFlowApiException(
                $"PhaseFlow at {BaseAddress} did not answer within {http.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s",
                e);
        }
    }

    private PhaseFlowApiException Unreachable(HttpRequestException e)
    {
        var refused = e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
            || e.InnerException is SocketException;
        var hint = refused ? " — is the node running? (start it with `phaseflow run`)" : string.Empty;
        return new PhaseFlowApiException($"cannot reach PhaseFlow at {BaseAddress}: {e.Message}{hint}", e);
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(HttpJson.Read, cancellationToken).ConfigureAwait(false)
                ?? throw new PhaseFlowApiException($"PhaseFlow at {BaseAddress} answered {(int)response.StatusCode} with an empty body");
        }
        catch (JsonException e)
        {
            throw new PhaseFlowApiException(
                $"PhaseFlow at {BaseAddress} answered {(int)response.StatusCode} with a body that is not a {typeof(T).Name}: {e.Message}", e);
        }
    }

    private static async Task<PhaseFlowApiException> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        ProblemBody? problem = null;
        if (mediaType is PhaseFlowApi.ProblemContentType or "application/json")
        {
            try
            {
                problem = JsonSerializer.Deserialize<ProblemBody>(text, HttpJson.Read);
            }
            catch (JsonException)
            {
                // Not problem details after all; the raw body is reported below.
            }
        }

        var status = (int)response.StatusCode;
        var message = new StringBuilder();
        if (problem?.Detail is { Length: > 0 } detail)
        {
            message.Append(detail);
        }
        else if (problem?.Title is { Length: > 0 } title)
        {
            message.Append(title);
        }
        else
        {
            message.Append(CultureInfo.InvariantCulture, $"HTTP {status} {response.ReasonPhrase}");
            var body = text.Trim();
            if (body.Length > 0)
            {
                message.Append(": ").Append(body.Length > 500 ? body[..500] + "…" : body);
            }
        }

        foreach (var error in ErrorLines(problem?.Errors))
        {
            message.AppendLine().Append("  ").Append(error);
        }

        return new PhaseFlowApiException(message.ToString(), response.StatusCode, problem?.Type, problem?.Title, problem?.Detail);
    }

    private static IEnumerable<string> ErrorLines(JsonElement? errors)
    {
        switch (errors)
        {
            case { ValueKind: JsonValueKind.Object } byField:
                foreach (var field in byField.EnumerateObject())
                {
                    var messages = field.Value.ValueKind == JsonValueKind.Array
                        ? string.Join("; ", field.Value.EnumerateArray().Select(m => m.ToString()))
                        : field.Value.ToString();
                    yield return field.Name.Length == 0 ? messages : $"{field.Name}: {messages}";
                }

                break;
            case { ValueKind: JsonValueKind.Array } list:
                foreach (var item in list.EnumerateArray())
                {
                    yield return item.ToString();
                }

                break;
        }
    }
}
