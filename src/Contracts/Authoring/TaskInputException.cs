namespace PhaseFlow.Contracts.Authoring;

/// <summary>A task input that is not valid JSON, does not bind to the task type's input, or fails its validation.</summary>
public sealed class TaskInputException : Exception
{
    /// <summary>Initializes the exception.</summary>
    /// <param name="taskType">The task type whose input was rejected.</param>
    /// <param name="problems">Each thing that is wrong, written for the person who sent the input.</param>
    public TaskInputException(string taskType, IReadOnlyList<string> problems)
        : base($"Invalid input for task type '{taskType}': {string.Join("; ", problems)}")
    {
        TaskType = taskType;
        Problems = problems;
    }

    /// <summary>Initializes the exception with no further detail (prefer the other constructor).</summary>
    public TaskInputException()
        : this("?", ["the input is invalid"])
    {
    }

    /// <summary>Initializes the exception with one message (prefer the other constructor).</summary>
    /// <param name="message">What is wrong.</param>
    public TaskInputException(string message)
        : this("?", [message])
    {
    }

    /// <summary>Initializes the exception with one message and its cause (prefer the other constructor).</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public TaskInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        TaskType = "?";
        Problems = [message];
    }

    /// <summary>Gets the task type whose input was rejected.</summary>
    public string TaskType { get; } = "?";

    /// <summary>Gets each problem found.</summary>
    public IReadOnlyList<string> Problems { get; } = [];
}
