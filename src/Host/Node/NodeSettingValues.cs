using System.Collections;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using PhaseFlow.Actors.Hosting;

namespace PhaseFlow.Host.Node;

/// <summary>
/// Checks, before the options are bound, that every number, switch and duration in the <c>PhaseFlow</c> section
/// converts and lies in its range, and says what is wrong the way the user gave it: the flag, the environment
/// variable or the appsettings.json key, and what is allowed. The configuration binder would only say
/// "Failed to convert configuration value … to type 'System.Int32'".
/// </summary>
internal static class NodeSettingValues
{
    /// <summary>Gets the option classes the node binds from the <c>PhaseFlow</c> section.</summary>
    public static IReadOnlyList<Type> NodeOptionTypes { get; } =
    [
        typeof(NodeOptions),
        typeof(Security.ApiAccessOptions),
        typeof(Api.ApiLimitOptions),
        typeof(Tasks.DemoTaskOptions),
        typeof(PhaseFlowOptions),
    ];

    /// <summary>Lists the values that do not convert to their setting's kind or lie outside its range.</summary>
    /// <param name="section">The <c>PhaseFlow</c> section, with every source layered in.</param>
    /// <param name="optionTypes">The option classes bound from the section.</param>
    /// <param name="args">The node's flags (to tell a flag's value from a variable's).</param>
    /// <param name="environment">The environment variables.</param>
    /// <returns>One message per bad value; empty when all convert.</returns>
    public static IReadOnlyList<string> Problems(IConfigurationSection section, IEnumerable<Type> optionTypes, string[] args, IDictionary environment)
    {
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in optionTypes.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)))
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (!property.CanWrite || type == typeof(string) || Kind(type) is not { } kind || !seen.Add(property.Name))
            {
                continue;
            }

            var value = section[property.Name];
            if (value is null || (value.Length == 0 && type != property.PropertyType))
            {
                // Not given, or an empty value for a setting that may be left unset.
                continue;
            }

            var range = property.GetCustomAttribute<RangeAttribute>();
            var allowed = range is null ? kind : $"{kind}, {RangeText(range)}";
            if (!TryConvert(type, value, out var converted) || (range is not null && !range.IsValid(converted)))
            {
                problems.Add($"{Origin(section.Path, property.Name, args, environment)} must be {allowed}; it is '{value}'.");
            }
        }

        return problems;
    }

    /// <summary>
    /// Names where a setting's value came from, highest precedence first: its flag, its <c>PHASEFLOW_…</c> variable,
    /// a <c>PhaseFlow__…</c> variable, or the key in appsettings.json.
    /// </summary>
    /// <param name="sectionPath">The section's path, <c>PhaseFlow</c>.</param>
    /// <param name="property">The option's property name, for example <c>AkkaPort</c>.</param>
    /// <param name="args">The node's flags.</param>
    /// <param name="environment">The environment variables.</param>
    /// <returns>The name, for example <c>--akka-port</c> or <c>PHASEFLOW_AKKA_PORT</c>.</returns>
    public static string Origin(string sectionPath, string property, string[] args, IDictionary environment)
    {
        var key = $"{sectionPath}:{property}";
        if (NodeSettings.All.FirstOrDefault(s => string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase)) is { } setting)
        {
            if (args.Any(a => a == setting.Flag || a.StartsWith(setting.Flag + "=", StringComparison.Ordinal)))
            {
                return setting.Flag;
            }

            if (environment[setting.EnvironmentVariable] is string { Length: > 0 })
            {
                return setting.EnvironmentVariable;
            }
        }

        var variable = environment.Keys.OfType<string>()
            .LastOrDefault(k => string.Equals(k.Replace("__", ":", StringComparison.Ordinal), key, StringComparison.OrdinalIgnoreCase));
        return variable ?? $"{key} (appsettings.json)";
    }

    /// <summary>What a value of the kind must look like, or <see langword="null"/> for kinds the binder does not convert from one value.</summary>
    private static string? Kind(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(short) ? "a whole number"
        : type == typeof(double) || type == typeof(decimal) || type == typeof(float) ? "a number"
        : type == typeof(bool) ? "true or false"
        : type == typeof(TimeSpan) ? "a duration written hh:mm:ss (for example 00:00:30)"
        : type.IsEnum ? $"one of {string.Join(", ", Enum.GetNames(type))}"
        : null;

    private static string RangeText(RangeAttribute range)
    {
        // The attribute's own message says it best ("AkkaPort must be between 0 and 65535 (0 = any free port).").
        const string MustBe = " must be ";
        if (range.ErrorMessage is { } message && message.IndexOf(MustBe, StringComparison.Ordinal) is var at and > 0)
        {
            return message[(at + MustBe.Length)..].TrimEnd('.');
        }

        return string.Create(CultureInfo.InvariantCulture, $"between {range.Minimum} and {range.Maximum}");
    }

    // The same conversion the configuration binder makes, so a value accepted here binds.
    private static bool TryConvert(Type type, string value, out object? converted)
    {
        try
        {
            converted = TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            return converted is not null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException or NotSupportedException or InvalidOperationException)
        {
            converted = null;
            return false;
        }
    }
}
