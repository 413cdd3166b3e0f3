namespace PhaseFlow.Contracts;

/// <summary>
/// An exception turned into data, so it survives serialisation, the journal and the status view.
/// </summary>
/// <remarks>
/// The stack trace is kept for the node's operators only: the journal stores it and the node logs it (below warning
/// level), while the HTTP API shows an <see cref="Http.ErrorResource"/> (kind, message, cause) and the CLI the message.
/// </remarks>
/// <param name="Type">The full type name of the exception, for example <c>System.IO.IOException</c>.</param>
/// <param name="Message">The exception's message.</param>
/// <param name="StackTrace">The stack trace as text, or <see langword="null"/> when there was none.</param>
/// <param name="Inner">The inner exception, if any.</param>
public sealed record TaskError(string Type, string Message, string? StackTrace = null, TaskError? Inner = null)
{
    /// <summary>Captures <paramref name="exception"/> (and its inner exceptions) as a <see cref="TaskError"/>.</summary>
    /// <param name="exception">The exception to capture.</param>
    /// <returns>The error record.</returns>
    public static TaskError From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        // Unwrap the single-exception AggregateException a faulted Task produces; its own message says nothing.
        if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            exception = aggregate.InnerExceptions[0];
        }

        return new TaskError(
            exception.GetType().FullName ?? exception.GetType().Name,
            exception.Message,
            exception.StackTrace,
            exception.InnerException is null ? null : From(exception.InnerException));
    }

    /// <summary>Creates an error that did not come from an exception (a rule PhaseFlow itself enforces).</summary>
    /// <param name="type">A short, stable name for the kind of error, for example <c>DefinitionChanged</c>.</param>
    /// <param name="message">What went wrong, written for an operator.</param>
    /// <returns>The error record.</returns>
    public static TaskError Of(string type, string message) => new(type, message);

    /// <inheritdoc/>
    public override string ToString() => $"{Type}: {Message}";
}
