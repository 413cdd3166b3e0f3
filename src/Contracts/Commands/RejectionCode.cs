namespace PhaseFlow.Contracts.Commands;

/// <summary>Why a command was rejected.</summary>
public enum RejectionCode
{
    /// <summary>No task has that id.</summary>
    NotFound,

    /// <summary>A task with that id exists with a different type or input.</summary>
    Conflict,

    /// <summary>The task type is not registered.</summary>
    UnknownType,

    /// <summary>The input, id or another argument is invalid.</summary>
    InvalidInput,

    /// <summary>The command does not apply to the task's current state (for example, cancelling a finished task).</summary>
    InvalidState,

    /// <summary>The task type's own code threw while it checked the input (a bug in the task type, not in the request).</summary>
    TaskTypeFault,

    /// <summary>The task cannot act now (its journal cannot be written or read); the message says why and when it tries again.</summary>
    Unavailable,

    /// <summary>The node already runs as many tasks as it may; nothing was stored. Try again later or on another node.</summary>
    Overloaded,
}
