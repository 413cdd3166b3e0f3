using PhaseFlow.Client;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.PublicApi;

/// <summary>
/// The public surface of the libraries others compile against (a task library against PhaseFlow.Contracts, an app
/// against PhaseFlow.Client) is generated and compared with the checked-in <c>*.approved.txt</c> beside this file, so
/// an API change is a visible diff in review. To accept an intended change, run these tests with
/// <c>PHASEFLOW_ACCEPT_API=1</c> and commit the rewritten file.
/// </summary>
public sealed class PublicApiTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new("api");

    [Fact]
    public void Contracts_PublicApi_MatchesTheApprovedFile() =>
        PublicApiApproval.Verify(typeof(TaskResource).Assembly, output.WriteLine);

    [Fact]
    public void Client_PublicApi_MatchesTheApprovedFile() =>
        PublicApiApproval.Verify(typeof(PhaseFlowHttpClient).Assembly, output.WriteLine);

    [Fact]
    public void Generate_Client_HasNoAssemblyAttributesStateMachinesOrMachinePaths()
    {
        // The client's WatchAsync is an async iterator: the compiler's name for its state machine must not show.
        var api = PublicApiApproval.Generate(typeof(PhaseFlowHttpClient).Assembly) + PublicApiApproval.Generate(typeof(TaskResource).Assembly);

        Assert.Contains("public sealed record TaskResource", api, StringComparison.Ordinal);
        Assert.DoesNotContain("[assembly:", api, StringComparison.Ordinal);
        Assert.DoesNotContain("StateMachine", api, StringComparison.Ordinal);
        Assert.DoesNotContain("Version=", api, StringComparison.Ordinal);
        Assert.DoesNotContain(AppContext.BaseDirectory.TrimEnd('/'), api, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', api);
    }

    [Fact]
    public void Compare_ApiChanged_FailsWithTheChangedLinesAndHowToAcceptWithoutWritingTheFile()
    {
        var approved = WriteApproved("namespace A\n{\n    public class Kept { }\n    public class Removed { }\n}\n");

        var failure = PublicApiApproval.Compare("namespace A\n{\n    public class Kept { }\n    public class Added { }\n}\n", approved, "PublicApi/A.approved.txt", accept: null, Fail);

        Assert.NotNull(failure);
        Assert.Contains("The public API differs from PublicApi/A.approved.txt (- approved, + now):\n@@ line 4 @@\n-    public class Removed { }\n+    public class Added { }\n", failure, StringComparison.Ordinal);
        Assert.Contains("PHASEFLOW_ACCEPT_API=1 dotnet test actors.sln --filter \"FullyQualifiedName~PublicApiTests\"", failure, StringComparison.Ordinal);
        Assert.Contains("public class Removed", File.ReadAllText(approved), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("0")]
    public void Compare_AcceptVariableNotOne_FailsAndSaysOnlyOneAccepts(string accept)
    {
        var approved = WriteApproved("old\n");

        var failure = PublicApiApproval.Compare("new\n", approved, "A.approved.txt", accept, Fail);

        Assert.Contains($"(PHASEFLOW_ACCEPT_API is '{accept}'; only 1 accepts.)", failure, StringComparison.Ordinal);
        Assert.Equal("old\n", File.ReadAllText(approved));
    }

    [Fact]
    public void Compare_NoApprovedFile_FailsAndSaysHowToCreateIt()
    {
        var missing = _folder.Combine("missing.approved.txt");

        var failure = PublicApiApproval.Compare("namespace A { }\n", missing, "PublicApi/missing.approved.txt", accept: null, Fail);

        Assert.StartsWith("PublicApi/missing.approved.txt does not exist yet.\nTo accept the API as it is now, run this", failure, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public void Compare_AcceptIsOne_RewritesTheApprovedFileAndPasses()
    {
        var approved = WriteApproved("old\r\n");
        var logged = new List<string>();

        var failure = PublicApiApproval.Compare("new\r\n", approved, "A.approved.txt", accept: "1", logged.Add);

        Assert.Null(failure);
        Assert.Equal("new\n", File.ReadAllText(approved));
        Assert.Equal(["PHASEFLOW_ACCEPT_API=1: wrote A.approved.txt; commit it with the change."], logged);
    }

    [Fact]
    public void Compare_OnlyLineEndsDiffer_Passes()
    {
        var approved = WriteApproved("namespace A\r\n{\r\n}");

        Assert.Null(PublicApiApproval.Compare("namespace A\n{\n}\n", approved, "A.approved.txt", accept: null, Fail));
    }

    public void Dispose() => _folder.Dispose();

    private static void Fail(string message) => Assert.Fail($"nothing should be logged: {message}");

    private string WriteApproved(string text)
    {
        var path = _folder.Combine("A.approved.txt");
        File.WriteAllText(path, text);
        return path;
    }
}
