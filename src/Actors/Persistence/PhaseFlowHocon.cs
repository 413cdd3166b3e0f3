using Akka.Configuration;

namespace PhaseFlow.Actors.Persistence;

/// <summary>Loads <c>hocon/phaseflow.conf</c>, the base Akka configuration shared by the host and the tests.</summary>
public static class PhaseFlowHocon
{
    /// <summary>The file's path relative to the application's folder (the build copies it there).</summary>
    public const string RelativePath = "hocon/phaseflow.conf";

    /// <summary>Gets the full path of the base configuration file next to the running application.</summary>
    public static string FilePath => System.IO.Path.Combine(AppContext.BaseDirectory, RelativePath);

    /// <summary>Reads and parses the base configuration.</summary>
    /// <returns>The configuration.</returns>
    /// <exception cref="FileNotFoundException">The file was not copied next to the application.</exception>
    public static Config Load()
    {
        if (!File.Exists(FilePath))
        {
            throw new FileNotFoundException($"PhaseFlow's base Akka configuration is missing: expected it at '{FilePath}'.", FilePath);
        }

        return ConfigurationFactory.ParseString(File.ReadAllText(FilePath));
    }
}
