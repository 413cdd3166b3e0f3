using Xunit;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>Where the repository the tests were built from is, and how they were built.</summary>
public static class RepositoryFolder
{
    private const string RootMarker = "actors.sln";

    /// <summary>Gets the repository's root: the nearest folder above the test binaries that holds the solution.</summary>
    public static string Root
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, RootMarker)))
                {
                    return folder.FullName;
                }
            }

            Assert.Fail($"No folder above {AppContext.BaseDirectory} holds {RootMarker}: run this test from a clone of the repository.");
            return string.Empty;
        }
    }

    /// <summary>Gets the build configuration of the running tests (<c>Debug</c> for <c>dotnet test actors.sln</c>), from <c>bin/CONFIGURATION/TFM</c>.</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
}
