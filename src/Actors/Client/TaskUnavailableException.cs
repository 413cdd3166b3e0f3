using PhaseFlow.Contracts.Queries;

namespace PhaseFlow.Actors.Client;

/// <summary>A task cannot be loaded right now (for example its journal cannot be read); <see cref="Problem"/> says why and when it tries again.</summary>
public sealed class TaskUnavailableException : Exception
{
    /// <summary>Initializes the exception.</summary>
    /// <param name="problem">What is wrong.</param>
    public TaskUnavailableException(TaskProblem problem)
        : base(problem?.Message)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Problem = problem;
    }

    /// <summary>Initializes the exception with no detail (prefer the other constructor).</summary>
    public TaskUnavailableException()
        : this(new TaskProblem("The task is not available.", DateTimeOffset.UtcNow))
    {
    }

    /// <summary>Initializes the exception with a message (prefer the other constructor).</summary>
    /// <param name="message">What is wrong.</param>
    public TaskUnavailableException(string message)
        : this(new TaskProblem(message, DateTimeOffset.UtcNow))
    {
    }

    /// <summary>Initializes the exception with a message and cause (prefer the other constructor).</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public TaskUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = new TaskProblem(message, DateTimeOffset.UtcNow);
    }

    /// <summary>Gets what is wrong.</summary>
    public TaskProblem Problem { get; }
}
