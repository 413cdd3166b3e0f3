using System.Text;
using CsCheck;

namespace PhaseFlow.Tests.Host.Api.Fuzz;

/// <summary>Query strings for <c>GET /tasks</c>: its filters and cursor with right and wrong values, unknown and repeated parameters.</summary>
public static class FuzzQueries
{
    private static readonly string[] GoodStates = ["Pending", "running", "SUCCEEDED", "Suspended", "reverting", "Reverted", "RevertFailed"];

    private static readonly string[] BadStates = ["running,succeeded", "Running, Reverted", "1", "-1", "0", "Runningx", "🙂", "%", new string('s', 3000)];

    private static readonly string[] GoodLimits = ["1", "50", "500", "7"];

    private static readonly string[] BadLimits = ["0", "-1", "501", "abc", "1e3", "99999999999999999999", "+5", "0x10", "5.0", "١٢", " 5"];

    private static readonly string[] Types = ["steps", "mkdir", "nope", "тип", "🙂", "a'b", "a%b", new string('t', 2000)];

    private static readonly string[] UnknownNames = ["State", "foo", "cursor", "page", "limit[]", "LIMIT", "after "];

    /// <summary>Gets a query string (without <c>?</c>) and whether the list must refuse it.</summary>
    public static Gen<(string Query, bool Bad)> Query { get; } = Build();

    private static Gen<(string Query, bool Bad)> Build()
    {
        var goodCursor = Gen.Select(Gen.Long[0, 4_000_000_000_000], Gen.Char["abcxyz0189-"].Array[1, 20], (ms, id) => Base64Url($"{ms}:{new string(id)}"));
        var badCursor = Gen.OneOf("!!!", "abc", "%", "====", Base64Url("abc"), Base64Url(":x"), Base64Url("-1:x"), Base64Url("99999999999999999999:x"), Base64Url("12"), new string('A', 5000))
            .Select(c => c);
        var pair = Weighted.OneOf(
            (3, Gen.OneOf(Gen.OneOf(GoodStates).Select(v => ("state", v, false)), Gen.OneOf(BadStates).Select(v => ("state", v, true)))),
            (2, Gen.OneOf(Types).Select(v => ("type", v, false))),
            (3, Gen.OneOf(Gen.OneOf(GoodLimits).Select(v => ("limit", v, false)), Gen.OneOf(BadLimits).Select(v => ("limit", v, true)))),
            (3, Gen.OneOf(goodCursor.Select(v => ("after", v, false)), badCursor.Select(v => ("after", v, true)))),
            (1, Gen.OneOf(UnknownNames).Select(n => (n, "1", true))));

        return Gen.Select(pair.Array[0, 4], Gen.Bool, (pairs, raw) =>
        {
            var query = new StringBuilder();
            foreach (var (name, value, _) in pairs)
            {
                query.Append(query.Length == 0 ? string.Empty : "&").Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            }

            // A parameter given twice is ambiguous: the list must refuse it rather than pick or merge its values.
            var repeated = pairs.GroupBy(p => p.Item1, StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1);
            var bad = repeated || pairs.Any(p => p.Item3);
            if (raw)
            {
                // Raw garbage no client would send: a lone %, a bad escape, an empty pair. A parameter with no name is ignored by ASP.NET Core.
                query.Append(query.Length == 0 ? string.Empty : "&").Append("&=&%&%ZZ");
                return (query.ToString(), true);
            }

            return (query.ToString(), bad);
        });
    }

    private static string Base64Url(string text) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
}
