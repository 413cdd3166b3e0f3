using System.Text.RegularExpressions;
using Xunit;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// What must never reach a user (CLI output, an API answer, a node's start-up error): a .NET type name, a stack
/// frame or a source path. Words for flags, JSON fields and allowed values are what a user can act on.
/// </summary>
public static partial class UserFacingText
{
    /// <summary>Asserts that <paramref name="text"/> shows no .NET internals.</summary>
    /// <param name="what">What the text is, for the failure message.</param>
    /// <param name="text">The text a user sees.</param>
    public static void AssertSpeaksPlainly(string what, string text)
    {
        var leak = Internals().Match(text);
        Assert.False(leak.Success, $"{what} shows '{leak.Value}':\n{text}");
    }

    // Namespaced type names (System.Int32, PhaseFlow.Host.Tasks.StepsInput), generic arity (Nullable`1), bare CLR
    // type names conversion messages use, "could not be converted", stack frames, source paths and a stackTrace field.
    [GeneratedRegex(
        @"\b(System|Microsoft|PhaseFlow|Akka|Spectre)\.[A-Z]\w*|\bNullable\b|`\d|\b(Int16|Int32|Int64|UInt32|Boolean|Double|Decimal)\b|could not be converted|Failed to convert|(?m:^\s*at [\w.`<>+\[\],]+\()|\.cs:line \d|/src/|\bstackTrace\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex Internals();
}
