using System.Text.RegularExpressions;

namespace PhaseFlow.Contracts.Authoring;

/// <summary>The task types a node can run, by name. Register every type before the node starts.</summary>
public sealed partial class TaskTypeRegistry
{
    private readonly Dictionary<string, ITaskDefinition> _byName = new(StringComparer.Ordinal);

    /// <summary>Gets the registered type names, sorted.</summary>
    public IReadOnlyCollection<string> Names => [.. _byName.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Registers a task type.</summary>
    /// <param name="definition">The definition.</param>
    /// <returns>This registry.</returns>
    /// <exception cref="ArgumentException">The name is not 1–100 characters of <c>[A-Za-z0-9._:-]</c>, or is already registered.</exception>
    public TaskTypeRegistry Register(ITaskDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var name = definition.TypeName;
        if (name is null || !ValidTypeName().IsMatch(name))
        {
            throw new ArgumentException($"Task type name '{name}' is invalid: use 1 to 100 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'.", nameof(definition));
        }

        if (!_byName.TryAdd(name, definition))
        {
            throw new ArgumentException(
                $"Task type '{name}' is registered twice ({_byName[name].GetType().FullName} and {definition.GetType().FullName}).", nameof(definition));
        }

        return this;
    }

    /// <summary>Finds a task type by name.</summary>
    /// <param name="typeName">The name.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="UnknownTaskTypeException">No type has that name; the message lists the known ones.</exception>
    public ITaskDefinition Resolve(string typeName) =>
        TryResolve(typeName, out var definition) ? definition : throw new UnknownTaskTypeException(typeName, Names);

    /// <summary>Tries to find a task type by name.</summary>
    /// <param name="typeName">The name.</param>
    /// <param name="definition">The definition when found.</param>
    /// <returns><see langword="true"/> when found.</returns>
    public bool TryResolve(string typeName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ITaskDefinition? definition) =>
        _byName.TryGetValue(typeName ?? string.Empty, out definition);

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,100}$")]
    private static partial Regex ValidTypeName();
}
