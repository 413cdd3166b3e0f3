using System.Reflection;
using PublicApiGenerator;
using Xunit;
using Xunit.Sdk;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// Compares an assembly's generated public API with its checked-in <c>*.approved.txt</c> file. A difference fails with
/// the changed lines and how to accept them; the approved file is rewritten only when <see cref="AcceptVariable"/> is
/// <c>1</c>, never by itself.
/// </summary>
public static class PublicApiApproval
{
    /// <summary>Set to <c>1</c> to write the generated API over the approved files in the source tree.</summary>
    public const string AcceptVariable = "PHASEFLOW_ACCEPT_API";

    /// <summary>Where the approved files live, relative to the repository's root.</summary>
    public const string ApprovedFolder = "tests/PhaseFlow.Tests/PublicApi";

    private static readonly ApiGeneratorOptions Options = new()
    {
        // Assembly attributes carry the target framework and build details, not API; leaving them out keeps the
        // text the same on every machine and across SDK updates.
        IncludeAssemblyAttributes = false,

        // Records stay records: turning one into a class (losing with-expressions and value equality) is a change.
        TreatRecordsAsClasses = false,

        // The compiler names an async method's state machine by its position in the class (<WatchAsync>d__12), so
        // adding any method would show as a change here; whether a method is async is not part of the API anyway.
        ExcludeAttributes =
        [
            "System.Runtime.CompilerServices.AsyncIteratorStateMachineAttribute",
            "System.Runtime.CompilerServices.AsyncStateMachineAttribute",
            "System.Runtime.CompilerServices.IteratorStateMachineAttribute",
        ],
    };

    /// <summary>Generates the public API of <paramref name="assembly"/>, in one form on every machine (LF line ends, a final newline).</summary>
    /// <param name="assembly">The assembly.</param>
    /// <returns>The API as C# declarations without bodies.</returns>
    public static string Generate(Assembly assembly) => Normalize(assembly.GeneratePublicApi(Options));

    /// <summary>
    /// Asserts that the public API of <paramref name="assembly"/> equals its approved file; with
    /// <see cref="AcceptVariable"/>=1, writes the approved file instead.
    /// </summary>
    /// <param name="assembly">The assembly.</param>
    /// <param name="log">Where to say that a file was accepted.</param>
    public static void Verify(Assembly assembly, Action<string> log)
    {
        var name = assembly.GetName().Name!;
        var relativePath = $"{ApprovedFolder}/{name}.approved.txt";
        var failure = Compare(Generate(assembly), Path.Combine(RepositoryFolder.Root, relativePath), relativePath, Environment.GetEnvironmentVariable(AcceptVariable), log);
        if (failure is not null)
        {
            throw new XunitException(failure);
        }
    }

    /// <summary>Compares generated API text with an approved file, or writes the file when <paramref name="accept"/> is <c>1</c>.</summary>
    /// <param name="generated">The generated API (see <see cref="Generate"/>).</param>
    /// <param name="approvedPath">The approved file.</param>
    /// <param name="shownPath">The approved file as messages name it (relative to the repository, no machine paths).</param>
    /// <param name="accept">The value of <see cref="AcceptVariable"/>, or <see langword="null"/>.</param>
    /// <param name="log">Where to say that the file was written.</param>
    /// <returns><see langword="null"/> when they match or the file was accepted; otherwise what differs and how to accept it.</returns>
    public static string? Compare(string generated, string approvedPath, string shownPath, string? accept, Action<string> log)
    {
        generated = Normalize(generated);
        var approved = File.Exists(approvedPath) ? Normalize(File.ReadAllText(approvedPath)) : null;
        if (approved == generated)
        {
            return null;
        }

        if (accept == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(approvedPath)!);
            File.WriteAllText(approvedPath, generated);
            log($"{AcceptVariable}=1: wrote {shownPath}; commit it with the change.");
            return null;
        }

        var what = approved is null
            ? $"{shownPath} does not exist yet."
            : $"The public API differs from {shownPath} (- approved, + now):\n" + LineDiff.Describe(Lines(approved), Lines(generated));
        return what +
            $"\nTo accept the API as it is now, run this and commit {shownPath} with the change:\n" +
            $"  {AcceptVariable}=1 dotnet test actors.sln --filter \"FullyQualifiedName~PublicApiTests\"" +
            (accept is null ? string.Empty : $"\n({AcceptVariable} is '{accept}'; only 1 accepts.)");
    }

    private static string Normalize(string text) => text.ReplaceLineEndings("\n").TrimEnd() + "\n";

    private static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');
}
