using CsCheck;

namespace PhaseFlow.Tests.Host.Api.Fuzz;

/// <summary>
/// Generates whole requests: a route (or a near-miss of one), a method, an id, a query, headers, a body and a
/// credential, each tagged with the answer the generator knows it must get.
/// </summary>
public sealed class FuzzRequests
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "application/problem+json", "text/plain", "application/xml", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "application/json; charset=latin1", "garbage", "application/json; charset=\"", "*/*",
    ];

    private static readonly string[] Accepts = ["application/json", "text/event-stream", "application/xml", "*/*", "text/html", "garbage;;q=x", "application/problem+json"];

    private static readonly string[] GoodLastEventIds = ["0", "5", "+5", "123456"];

    private static readonly string[] BadLastEventIds = ["-1", "abc", "1e3", "99999999999999999999", "0x10", "1.5"];

    /// <summary>Paths that differ from every route: the node must answer 404 (or 405).</summary>
    private static readonly string[] Unknown =
    [
        "/task", "/taskss", "/tasks/{id}/cancel/x", "/tasks/{id}/cancell", "/tasks/{id}/event", "/healthz", "/health/x", "/dashboard/nope.js", "/api/tasks", "/tasks/{id}/events/1",
        "/index.html", "/favicon.ico", "/tasks/{id}/retry_revert", "/.env", "/swagger", "/tasks/{id}/resume/now", "/tasks/{id}/%63ancel/x",
    ];

    /// <summary>Paths that a server may treat as a route or not (case, slashes, dot segments, escapes): any 2xx or 4xx.</summary>
    private static readonly string[] Ambiguous =
    [
        "/TASKS", "/Tasks/{id}", "/tasks/", "/health/", "/tasks/{id}/CANCEL", "//tasks", "/tasks/{id}//cancel", "/tasks/../health", "/tasks/%2e%2e/health",
        "/tasks/./{id}", "/%74asks", "/tasks/{id}/..", "/tasks/..%2F..%2Fhealth", "/tasks/%2F", "/tasks/{id}%2Fcancel", "/tasks/{id}/events/..", "/tasks/%00",
        "/tasks/%ZZ", "/tasks/%", "/tasks/{id}?", "/tasks/{id}/cancel?x=1",
    ];

    private readonly FuzzIds _ids;
    private readonly FuzzBodies _bodies;
    private readonly FuzzKeys _keys;

    /// <summary>Initializes the generators.</summary>
    /// <param name="ids">Task ids.</param>
    /// <param name="bodies">Submission bodies.</param>
    /// <param name="keys">The node's API keys (<see cref="FuzzKeys.None"/> for a node without).</param>
    public FuzzRequests(FuzzIds ids, FuzzBodies bodies, FuzzKeys keys)
    {
        _ids = ids;
        _bodies = bodies;
        _keys = keys;
        Request =
            from target in Target()
            from headers in Headers(target.Route)
            from credential in Weighted.OneOf([.. keys.Credentials().Select(c => (c.Weight, Gen.Const(c.Credential)))])
            from variant in Gen.Int[0, 99]
            from chunked in Gen.Int[0, 4].Select(n => n == 0)
            select Assemble(target, headers, credential, variant, chunked);
    }

    /// <summary>Gets the generator of requests.</summary>
    public Gen<FuzzRequest> Request { get; }

    private Gen<Aimed> Target()
    {
        var id = Weighted.OneOf((4, _ids.Acceptable.Select(i => (Id: i, Ok: true))), (1, _ids.Unacceptable.Select(i => (Id: i, Ok: false))));

        var submit = Weighted.OneOf((2, _bodies.Valid), (3, _bodies.Invalid)).Select(body => new Aimed("POST", "/tasks", FuzzRoutes.Submit, body.Bytes, body.Acceptable || body.Unpredictable ? FuzzExpectation.Any : FuzzExpectation.Rejected)
        {
            FreshSubmission = body.Acceptable && !body.HasId,
        });
        var list = FuzzQueries.Query.Select(q => new Aimed("GET", q.Query.Length == 0 ? "/tasks" : $"/tasks?{q.Query}", FuzzRoutes.List, null, q.Bad ? FuzzExpectation.Rejected : FuzzExpectation.Any));
        var withId = Gen.Select(id, Gen.OneOf(
            ("GET", "", FuzzRoutes.Get), ("POST", "/cancel", FuzzRoutes.Cancel), ("POST", "/retry-revert", FuzzRoutes.RetryRevert), ("POST", "/resume", FuzzRoutes.Resume), ("GET", "/events", FuzzRoutes.Events)),
            (i, route) => i.Id.Length == 0
                ? new Aimed(route.Item1, $"/tasks/{route.Item2}", FuzzRoutes.Other, null, FuzzExpectation.Any)
                : new Aimed(route.Item1, $"/tasks/{Uri.EscapeDataString(i.Id)}{route.Item2}", route.Item3, null, i.Ok ? FuzzExpectation.Any : FuzzExpectation.Rejected));
        var health = Gen.Const(new Aimed("GET", "/health", FuzzRoutes.Health, null, FuzzExpectation.Accepted));
        var dashboard = Gen.Const(new Aimed("GET", "/", FuzzRoutes.Dashboard, null, FuzzExpectation.Accepted));

        var wrongMethod = Gen.Select(Gen.OneOf(("/tasks", new[] { "GET", "POST" }), ("/tasks/{id}", ["GET"]), ("/tasks/{id}/cancel", ["POST"]), ("/tasks/{id}/events", ["GET"]), ("/health", ["GET"]), ("/", ["GET"])), Gen.OneOf(Methods), _ids.Acceptable, (path, method, i) =>
            path.Item2.Contains(method)
                ? new Aimed("DELETE", Fill(path.Item1, i), FuzzRoutes.Other, null, FuzzExpectation.Rejected)
                : new Aimed(method, Fill(path.Item1, i), FuzzRoutes.Other, null, FuzzExpectation.Rejected));
        var unknown = Gen.Select(Gen.OneOf(Unknown), Gen.OneOf(Methods), _ids.Acceptable, (path, method, i) => new Aimed(method, Fill(path, i), FuzzRoutes.Other, null, FuzzExpectation.Rejected));
        var ambiguous = Gen.Select(Gen.OneOf(Ambiguous), Gen.OneOf(Methods), _ids.Acceptable, (path, method, i) => new Aimed(method, Fill(path, i), FuzzRoutes.Other, null, FuzzExpectation.Any));
        var segment = Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-_.~%"].Array[1, 12].Select(c => new string(c));
        var random = Gen.Select(segment.Array[1, 4], Gen.OneOf(Methods), (segments, method) =>
        {
            var path = "/" + string.Join('/', segments);
            var mayBeRoute = segments[0].Equals("tasks", StringComparison.OrdinalIgnoreCase) || segments[0].Equals("health", StringComparison.OrdinalIgnoreCase) || segments.Any(s => s.Contains('%') || s.StartsWith('.'));
            return new Aimed(method, path, FuzzRoutes.Other, null, mayBeRoute ? FuzzExpectation.Any : FuzzExpectation.Rejected);
        });
        // Without a body: Kestrel answers 414 and closes the connection, which cuts a body still being sent (a client-side error, not the node's).
        var longPath = Gen.Int[9_000, 20_000].Select(n => new Aimed("GET", "/tasks/" + new string('x', n), FuzzRoutes.Other, null, FuzzExpectation.Rejected) { BodyAllowed = false });

        var other = Weighted.OneOf((3, wrongMethod), (3, unknown), (3, ambiguous), (3, random), (1, longPath));
        var anyBody = Weighted.OneOf((8, Gen.Const((byte[]?)null)), (1, _bodies.Valid.Select(b => b.Bytes)), (1, _bodies.Invalid.Select(b => b.Bytes)));

        return Weighted.OneOf(
            (30, submit),
            (10, list),
            (32, withId),
            (4, health),
            (2, dashboard),
            (22, other)).SelectMany(aimed => aimed.Body is null && aimed.Route != FuzzRoutes.Submit && aimed.BodyAllowed
                ? anyBody.Select(b => aimed with { Body = aimed.Method == "HEAD" ? null : b })
                : Gen.Const(aimed));
    }

    private Gen<List<KeyValuePair<string, string>>> Headers(string route)
    {
        var contentType = Weighted.OneOf<string?>((3, Gen.Const<string?>("application/json")), (2, Gen.OneOf(ContentTypes).Select(c => (string?)c)), (1, Gen.Const((string?)null)));
        var accept = Weighted.OneOf<string?>((3, Gen.Const((string?)null)), (1, Gen.OneOf(Accepts).Select(a => (string?)a)));
        var lastEventId = route == FuzzRoutes.Events
            ? Weighted.OneOf((3, Gen.Const(((string?)null, false))), (2, Gen.OneOf(GoodLastEventIds).Select(v => ((string?)v, false))), (2, Gen.OneOf(BadLastEventIds).Select(v => ((string?)v, true))), (1, Gen.Int[100, 3000].Select(n => ((string?)new string('9', n), true))))
            : Weighted.OneOf((9, Gen.Const(((string?)null, false))), (1, Gen.OneOf(BadLastEventIds).Select(v => ((string?)v, false))));
        return Gen.Select(contentType, accept, lastEventId, (ct, a, last) =>
        {
            var headers = new List<KeyValuePair<string, string>>();
            if (ct is not null)
            {
                headers.Add(new("Content-Type", ct));
            }

            if (a is not null)
            {
                headers.Add(new("Accept", a));
            }

            if (last.Item1 is not null)
            {
                headers.Add(new("Last-Event-ID", last.Item1));
            }

            // Marks a Last-Event-ID the event stream must refuse, read back by Assemble.
            if (last.Item2)
            {
                headers.Add(new(BadLastEventIdMarker, "1"));
            }

            return headers;
        });
    }

    private const string BadLastEventIdMarker = "X-Fuzz-Bad-Last-Event-Id";

    private FuzzRequest Assemble(Aimed target, List<KeyValuePair<string, string>> headers, FuzzCredential credential, int variant, bool chunked)
    {
        var expect = target.Expect;
        if (headers.RemoveAll(h => h.Key == BadLastEventIdMarker) > 0 && expect == FuzzExpectation.Any)
        {
            expect = FuzzExpectation.Rejected;
        }

        if (target.FreshSubmission && expect == FuzzExpectation.Any)
        {
            // No id: nothing in the node's state can make a valid submission fail.
            expect = FuzzExpectation.Accepted;
        }

        if (_keys.HeaderFor(credential, variant) is { } authorization)
        {
            headers.Add(new("Authorization", authorization));
        }

        return new FuzzRequest(target.Method, target.Target, target.Route, headers, target.Body, chunked && target.Body is { Length: > 0 }, credential, expect);
    }

    private static string Fill(string path, string id) => path.Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal);

    private sealed record Aimed(string Method, string Target, string Route, byte[]? Body, FuzzExpectation Expect)
    {
        public bool FreshSubmission { get; init; }

        public bool BodyAllowed { get; init; } = true;
    }
}
