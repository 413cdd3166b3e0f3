namespace PhaseFlow.Contracts;

/// <summary>The rules for signal names and signal ids: 1 to 100 characters of letters, digits, '.', '_' and '-'.</summary>
public static class SignalNames
{
    /// <summary>The longest signal name or signal id.</summary>
    public const int MaxLength = 100;

    /// <summary>Tells whether a signal name (or signal id) follows the rules.</summary>
    /// <param name="name">The name.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>Says what is wrong with a name, for an error message.</summary>
    /// <param name="what">What the name is ("signal name", "signal id").</param>
    /// <param name="name">The name.</param>
    /// <returns>The explanation.</returns>
    public static string Explain(string what, string? name) =>
        $"The {what} '{name}' is not allowed: use 1 to {MaxLength} characters of letters, digits, '.', '_' and '-'.";
}
