namespace PhaseFlow.Contracts.Authoring;

/// <summary>A task was submitted (or recovered) under a type name nobody registered.</summary>
public sealed class UnknownTaskTypeException : Exception
{
    /// <summary>Initializes the exception.</summary>
    /// <param name="typeName">The name that was asked for.</param>
    /// <param name="knownTypes">The names that are registered.</param>
    public UnknownTaskTypeException(string typeName, IReadOnlyCollection<string> knownTypes)
        : base($"Unknown task type '{typeName}'. Known types: {(knownTypes.Count == 0 ? "(none registered)" : string.Join(", ", knownTypes))}.")
    {
        TypeName = typeName;
        KnownTypes = knownTypes;
    }

    /// <summary>Initializes the exception with no detail (prefer the other constructor).</summary>
    public UnknownTaskTypeException()
        : this("?", [])
    {
    }

    /// <summary>Initializes the exception with a message (prefer the other constructor).</summary>
    /// <param name="message">What is wrong.</param>
    public UnknownTaskTypeException(string message)
        : base(message)
    {
        TypeName = "?";
        KnownTypes = [];
    }

    /// <summary>Initializes the exception with a message and cause (prefer the other constructor).</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public UnknownTaskTypeException(string message, Exception innerException)
        : base(message, innerException)
    {
        TypeName = "?";
        KnownTypes = [];
    }

    /// <summary>Gets the name that was asked for.</summary>
    public string TypeName { get; }

    /// <summary>Gets the registered names.</summary>
    public IReadOnlyCollection<string> KnownTypes { get; }
}
