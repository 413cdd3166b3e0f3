namespace PhaseFlow.Actors.Persistence;

/// <summary>Writes a value as a quoted HOCON string, so connection strings with '=', ';', quotes or backslashes survive parsing.</summary>
internal static class HoconString
{
    /// <summary>Quotes and escapes a value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The value as a double-quoted HOCON string.</returns>
    public static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
