using System.Text;
using System.Text.Json;
using CsCheck;

namespace PhaseFlow.Tests.Host.Api.Fuzz;

/// <summary>
/// Generates bodies for <c>POST /tasks</c>: valid <c>steps</c> and <c>mkdir</c> submissions, and every way to get one
/// wrong (malformed JSON, deep nesting, huge numbers, invalid UTF-8, wrong types, missing fields, 2 MiB, empty).
/// </summary>
/// <remarks>
/// Every path a body names (<c>mkdir</c>'s <c>path</c>, <c>steps</c>' <c>journal</c>) is built from safe segments under
/// <see cref="Sandbox"/>, and no mutation adds a path: whatever the node accepts, it writes only inside that folder.
/// </remarks>
public sealed class FuzzBodies
{
    private const string SegmentChars = "abcdefghijklmnopqrstuvwxyz0123456789_-";

    /// <summary>Initializes the generators.</summary>
    /// <param name="sandbox">The absolute folder every generated path lies under.</param>
    /// <param name="ids">The ids a body's <c>id</c> is drawn from.</param>
    public FuzzBodies(string sandbox, FuzzIds ids)
    {
        Sandbox = sandbox;
        var segment = Gen.Char[SegmentChars].Array[1, 8].Select(c => new string(c));
        var safePath = segment.Array[1, 3].Select(s => Path.Combine([sandbox, .. s]));

        var steps =
            from count in Gen.Int[1, 3]
            from failAt in Gen.Int[-1, count - 1]
            from revertFails in Gen.Bool
            from journal in safePath.Null(0.5)
            select Json(w =>
            {
                w.WriteNumber("count", count);
                if (failAt >= 0)
                {
                    w.WriteNumber("failAtPhase", failAt);
                    w.WriteBoolean("revertFails", revertFails);
                }

                if (journal is not null)
                {
                    w.WriteString("journal", journal + ".txt");
                }
            });
        var mkdir = safePath.Select(p => Json(w => w.WriteString("path", p)));
        var validInput = Gen.OneOf(steps.Select(i => ("steps", i)), mkdir.Select(i => ("mkdir", i)));

        var valid =
            from input in validInput
            from id in ids.Acceptable.Null(0.3)
            select new FuzzBody(Encoding.UTF8.GetBytes(Submission(id, input.Item1, input.Item2)), Acceptable: true, HasId: id is not null);

        Valid = valid;

        Invalid = Weighted.OneOf(
            (3, Gen.Select(valid, Gen.Int[0, 1000], (b, cut) => new FuzzBody(b.Bytes![..(cut % b.Bytes.Length)], Acceptable: false))),
            (2, Gen.OneOf(MalformedJson).Select(Text)),
            (2, Gen.Select(Gen.Int[60, 70], Gen.Bool, Gen.Bool, Deep)),
            (1, Gen.Select(Gen.Int[1_000, 100_000], Gen.Bool, Gen.Bool, Deep)),
            (3, Gen.Select(Gen.OneOf(HugeNumbers), Gen.OneOf(NumberFields), (n, field) => Text("{\"type\":\"steps\",\"input\":{\"" + field + "\":" + n + (field == "count" ? string.Empty : ",\"count\":1") + "}}"))),
            (3, Gen.Select(valid, Gen.Int[0, 1_000_000], Gen.OneOf(InvalidUtf8), (b, at, bad) => InvalidUtf8Inside(b, at, bad, sandbox))),
            (3, Gen.OneOf(WrongTypes).Select(Text)),
            (3, Gen.Select(ids.Unacceptable, validInput, (id, input) => Text(Submission(id, input.Item1, input.Item2)))),
            (2, Gen.Select(Gen.OneOf(UnknownTypes), validInput, (type, input) => Text(Submission(null, type, input.Item2)))),
            (2, Gen.Select(Gen.OneOf(EdgeNumbers), Gen.OneOf(NumberFields), (n, field) => new FuzzBody(Encoding.UTF8.GetBytes("{\"type\":\"steps\",\"input\":{\"" + field + "\":" + n + (field == "count" ? string.Empty : ",\"count\":1") + "}}"), Acceptable: false, Unpredictable: true))),
            (2, Gen.Select(Gen.OneOf(ValueOutOfRange), safePath, (template, path) => Text(template.Replace("$PATH", JsonEncoded(path), StringComparison.Ordinal)))),
            (1, Gen.Select(Gen.Int[1_048_577, 2 * 1_048_576], Gen.Bool, Huge)),
            (1, Gen.Const(new FuzzBody([], Acceptable: false))));
    }

    /// <summary>Gets the folder every generated path lies under.</summary>
    public string Sandbox { get; }

    /// <summary>Gets valid submissions of <c>steps</c> and <c>mkdir</c>.</summary>
    public Gen<FuzzBody> Valid { get; }

    /// <summary>Gets bodies that must be refused.</summary>
    public Gen<FuzzBody> Invalid { get; }

    private static readonly string[] MalformedJson =
    [
        "{", "}", "[", "nul", "{\"type\":}", "{\"type\":\"steps\",}", "{'type':'steps','input':{'count':1}}", "{\"type\":\"steps\" \"input\":{}}",
        "{\"type\":\"steps\",\"input\":{\"count\":1}} trailing", "/* c */ {\"type\":\"steps\",\"input\":{\"count\":1}}", "{\"type\":\"steps\",\"input\":{\"count\":01}}",
        "\"just a string\"", "   ", "\u0000", "{\"type\":\"steps\",\"input\":{\"count\":1}}{}", "{\"a\":\"\\uZZZZ\"}", "{\"a\":\"\\ud800\"}", "<xml/>", "type=steps&count=1",
    ];

    private static readonly string[] NumberFields = ["count", "delayMs", "failAtPhase", "failAttempts", "revertDelayMs"];

    /// <summary>Numbers no field of <c>steps</c> takes: too large for an int, fractions, other JSON kinds.</summary>
    private static readonly string[] HugeNumbers =
    [
        "1e400", "-1e400", "99999999999999999999999999999", "-99999999999999999999", "2147483648", "-2147483649", "1.5", "4.9e-324",
        "123456789012345678901234567890.5", "true", "[]", "{}", "\"many\"",
    ];

    /// <summary>Numbers valid for some fields and not others (0, -1, limits, a number in a string): accepted or refused, never a 5xx.</summary>
    /// <remarks>None makes a task run long: the run waits for every accepted task to settle.</remarks>
    private static readonly string[] EdgeNumbers = ["0", "-1", "1e2", "\"3\"", "null", "3600001", "-2147483648", "2147483648"];

    private static readonly string[] InvalidUtf8 = ["\xFF", "\xC3\x28", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\x80", "\xE2\x82"];

    private static readonly string[] WrongTypes =
    [
        "{\"type\":1,\"input\":{\"count\":1}}", "{\"type\":[],\"input\":{\"count\":1}}", "{\"type\":{},\"input\":{\"count\":1}}", "{\"type\":null,\"input\":{\"count\":1}}",
        "{\"type\":true,\"input\":{\"count\":1}}", "{\"type\":\"\",\"input\":{\"count\":1}}", "{\"type\":\"steps\",\"input\":\"count=1\"}", "{\"type\":\"steps\",\"input\":1}",
        "{\"type\":\"steps\",\"input\":[]}", "{\"type\":\"steps\",\"input\":null}", "{\"type\":\"steps\"}", "{\"input\":{\"count\":1}}", "{}", "[]", "null", "1", "true",
        "{\"type\":\"steps\",\"input\":{\"count\":1},\"id\":1}", "{\"type\":\"steps\",\"input\":{\"count\":1},\"id\":{}}", "{\"type\":\"steps\",\"input\":{\"count\":1},\"id\":true}",
        "{\"type\":\"steps\",\"input\":{\"count\":1},\"priority\":1}", "{\"Type\":\"steps\",\"Input\":{\"count\":1}}", "{\"type\":\"steps\",\"input\":{\"count\":1,\"revertFails\":\"yes\"}}",
        "{\"type\":\"steps\",\"input\":{\"count\":1,\"journal\":5}}", "{\"type\":\"steps\",\"input\":{\"count\":1,\"unknown\":1}}", "{\"type\":\"mkdir\",\"input\":{\"path\":1}}",
        "{\"type\":\"mkdir\",\"input\":{\"path\":null}}", "{\"type\":\"mkdir\",\"input\":{}}", "{\"type\":\"mkdir\",\"input\":{\"path\":\"\"}}", "{\"type\":\"mkdir\",\"input\":{\"path\":\"relative/dir\"}}",
        "{\"type\":\"mkdir\",\"input\":{\"path\":[\"a\"]}}", "{\"type\":\"steps\",\"input\":{}}", "{\"type\":\"steps\",\"type\":\"mkdir\",\"input\":{\"count\":1}}",
    ];

    private static readonly string[] UnknownTypes = ["Steps", "MKDIR", "nope", "steps ", " steps", "stepsx", "тип", "🙂", "steps\u0000", "a/b", "..", "x-very-long-type-name-" + new string('t', 300)];

    private static readonly string[] ValueOutOfRange =
    [
        "{\"type\":\"steps\",\"input\":{\"count\":0}}", "{\"type\":\"steps\",\"input\":{\"count\":-5}}", "{\"type\":\"steps\",\"input\":{\"count\":1,\"delayMs\":-1}}",
        "{\"type\":\"steps\",\"input\":{\"count\":1,\"failAttempts\":0}}", "{\"type\":\"steps\",\"input\":{\"count\":1,\"revertDelayMs\":-1}}",
        "{\"type\":\"mkdir\",\"input\":{\"path\":\"$PATH\\u0000x\"}}", "{\"type\":\"steps\",\"input\":{\"count\":1,\"journal\":\"$PATH\\u0000.txt\"}}",
        "{\"type\":\"steps\",\"input\":{\"count\":1,\"journal\":\"$PATH\\ud800.txt\"}}", "{\"type\":\"mkdir\",\"input\":{\"path\":\"$PATH\\udc00\"}}",
    ];

    private static FuzzBody Text(string json) => new(Encoding.UTF8.GetBytes(json), Acceptable: false);

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string JsonEncoded(string text) => JsonSerializer.Serialize(text)[1..^1];

    private static string Submission(string? id, string type, string inputJson) =>
        id is null
            ? $$"""{"type":{{JsonSerializer.Serialize(type)}},"input":{{inputJson}}}"""
            : $$"""{"id":{{JsonSerializer.Serialize(id)}},"type":{{JsonSerializer.Serialize(type)}},"input":{{inputJson}}}""";

    /// <summary>Nesting <paramref name="depth"/> deep, as the whole body or inside <c>input</c>, of arrays or objects.</summary>
    private static FuzzBody Deep(int depth, bool insideInput, bool objects)
    {
        var open = objects ? "{\"a\":" : "[";
        var close = objects ? "}" : "]";
        var text = new StringBuilder(depth * 6);
        text.Insert(0, open, depth).Append('1').Insert(text.Length, close, depth);
        return Text(insideInput ? "{\"type\":\"steps\",\"input\":{\"count\":1,\"x\":" + text + "}}" : text.ToString());
    }

    /// <summary>A valid body with one character replaced by invalid UTF-8 bytes (inside a name, a string or the structure).</summary>
    /// <remarks>Never inside the sandbox's own path: a node that wrongly accepted the body must still write under the sandbox.</remarks>
    private static FuzzBody InvalidUtf8Inside(FuzzBody valid, int at, string bad, string sandbox)
    {
        var bytes = valid.Bytes!;
        var position = at % bytes.Length;
        var sandboxAt = Encoding.UTF8.GetString(bytes).IndexOf(JsonEncoded(sandbox), StringComparison.Ordinal);
        if (sandboxAt >= 0 && position >= sandboxAt && position <= sandboxAt + sandbox.Length)
        {
            position = 0;
        }

        var badBytes = bad.Select(c => (byte)c).ToArray();
        return new FuzzBody([.. bytes[..position], .. badBytes, .. bytes[(position + 1)..]], Acceptable: false);
    }

    /// <summary>More than the 1 MiB a submission may be: padding inside a valid body, or garbage.</summary>
    private static FuzzBody Huge(int size, bool validJson)
    {
        if (!validJson)
        {
            var garbage = new byte[size];
            Array.Fill(garbage, (byte)'x');
            return new FuzzBody(garbage, Acceptable: false);
        }

        var prefix = "{\"type\":\"steps\",\"input\":{\"count\":1,\"journal\":\""u8.ToArray();
        var suffix = "\"}}"u8.ToArray();
        var body = new byte[size];
        prefix.CopyTo(body, 0);
        body.AsSpan(prefix.Length, size - prefix.Length - suffix.Length).Fill((byte)'j');
        suffix.CopyTo(body, size - suffix.Length);
        return new FuzzBody(body, Acceptable: false);
    }
}
