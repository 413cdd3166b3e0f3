using CsCheck;

namespace PhaseFlow.Tests.Host.Api.Fuzz;

/// <summary>
/// Task ids to fuzz with: a small pool that submissions and commands share (so commands meet real tasks in every
/// state), other valid ids, and ids the API must refuse (too long, unicode, separators, control characters).
/// </summary>
public sealed class FuzzIds
{
    /// <summary>Initializes the generators.</summary>
    /// <param name="prefix">Starts every id of the pool, unique per run so runs never share tasks.</param>
    public FuzzIds(string prefix)
    {
        var idChars = Gen.Char["ABCXYZabcxyz0189._:-"];
        Acceptable = Weighted.OneOf(
            (6, Gen.Int[0, 7].Select(i => $"{prefix}-{i}")),
            (1, idChars.Array[1, 40].Select(c => prefix + new string(c))),
            (1, Gen.Int[0, 3].Select(i => $"{prefix}-{i}{new string('L', 200)}"[..200])));

        Unacceptable = Gen.OneOf(
            Gen.OneOf(Refused),
            Gen.Int[201, 5_000].Select(n => new string('x', n)),
            Gen.Select(Gen.Int[0, 7], Gen.OneOf("\n", "\r\n", "\t", " ", "\0", "/", "?", "#", "%", "é", "🙂"), Gen.Bool, (i, bad, end) => end ? $"{prefix}-{i}{bad}" : $"{bad}{prefix}-{i}"));
    }

    /// <summary>Gets valid ids, mostly from the shared pool.</summary>
    public Gen<string> Acceptable { get; }

    /// <summary>Gets ids that break the rules: 1 to 200 characters of <c>A-Z a-z 0-9 . _ : -</c>.</summary>
    public Gen<string> Unacceptable { get; }

    /// <summary>Tells whether an id follows the documented rule, independently of the code under test.</summary>
    /// <param name="id">The id.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool FollowsTheRule(string id) =>
        id.Length is >= 1 and <= 200 && id.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or ':' or '-');

    private static readonly string[] Refused =
    [
        "", " ", "a b", "тест", "任务", "🙂", "a/b", "a\\b", "a\nb", "a%2Fb", "a\u0000b", "a;b", "a,b", "a+b", "a*b", "a=b", "a&b", "a'b", "a\"b", "<a>", "a\u200Bb",
        "ǅ", "ａ", "I\u0307", "\uFEFFa", "a\u00A0b",
    ];
}
