namespace PhaseFlow.Host.Node;

/// <summary>One setting of the node, and the three ways to give it: a flag, an environment variable, a configuration key.</summary>
/// <param name="Flag">The command-line flag, for example <c>--sqlite</c>.</param>
/// <param name="EnvironmentVariable">The environment variable, for example <c>PHASEFLOW_SQLITE</c>.</param>
/// <param name="Key">The configuration key (appsettings.json), for example <c>PhaseFlow:SqlitePath</c>.</param>
/// <param name="ListSeparator">For a list setting, the character that separates values in one flag or variable; <see langword="null"/> for a single value.</param>
/// <param name="Repeatable">Whether the flag may be given more than once (each adds to the list).</param>
/// <param name="IsSwitch">Whether the flag is a switch: given alone it means <c>true</c>; its variable is <c>true</c> or <c>false</c>.</param>
internal sealed record NodeSetting(string Flag, string EnvironmentVariable, string Key, char? ListSeparator = null, bool Repeatable = false, bool IsSwitch = false)
{
    /// <summary>Gets a value indicating whether the setting holds a list.</summary>
    public bool IsList => ListSeparator is not null || Repeatable;
}
