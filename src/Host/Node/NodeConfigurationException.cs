namespace PhaseFlow.Host.Node;

/// <summary>The node's flags, environment variables or configuration are wrong; the message says what and what is allowed.</summary>
internal sealed class NodeConfigurationException : Exception
{
    /// <summary>Initializes the exception.</summary>
    /// <param name="message">What is wrong and what is allowed.</param>
    public NodeConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with its cause.</summary>
    /// <param name="message">What is wrong and what is allowed.</param>
    /// <param name="inner">The cause.</param>
    public NodeConfigurationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
