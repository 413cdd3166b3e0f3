namespace PhaseFlow.Contracts.Http;

/// <summary>
/// An error as the HTTP API shows it: the kind of error and its message, and the error that caused it. Unlike
/// <see cref="TaskError"/> (the journal's record) it never carries a stack trace: that stays in the node's log.
/// </summary>
/// <param name="Type">The kind of error: the exception's type name for an error of task code (for example
/// <c>System.IO.IOException</c>), or a short name PhaseFlow gives a rule it enforces (for example <c>DefinitionChanged</c>).</param>
/// <param name="Message">What went wrong.</param>
/// <param name="Inner">The error that caused this one, if any.</param>
public sealed record ErrorResource(string Type, string Message, ErrorResource? Inner = null)
{
    /// <summary>Maps a recorded error to what the API shows, dropping every stack trace (its own and its inner errors').</summary>
    /// <param name="error">The recorded error.</param>
    /// <returns>The error without stack traces; <see langword="null"/> when <paramref name="error"/> is.</returns>
    public static ErrorResource? From(TaskError? error) =>
        error is null ? null : new ErrorResource(error.Type, error.Message, From(error.Inner));

    /// <inheritdoc/>
    public override string ToString() => $"{Type}: {Message}";
}
