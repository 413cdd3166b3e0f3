namespace PhaseFlow.Host.Cli;

/// <summary>The exit codes of the <c>phaseflow</c> client verbs.</summary>
internal static class CliExitCode
{
    /// <summary>The verb did what it was asked; for <c>watch</c> and <c>submit --wait</c>, the task Succeeded.</summary>
    public const int Success = 0;

    /// <summary>An error: bad usage or input, no such task, a rejected command, or the server could not be reached.</summary>
    public const int Failure = 1;

    /// <summary>For <c>watch</c> and <c>submit --wait</c>: the task ended Reverted, RevertFailed or Suspended.</summary>
    public const int TaskDidNotSucceed = 2;

    /// <summary>The verb was interrupted with Ctrl-C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
