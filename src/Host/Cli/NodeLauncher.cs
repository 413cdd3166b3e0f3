namespace PhaseFlow.Host.Cli;

/// <summary>Starts the node for the <c>run</c> verb with the node's own flags, exactly as they were typed.</summary>
/// <param name="RunNode">The node's entry point, given the flags without the word <c>run</c>.</param>
/// <param name="NodeArguments">The flags to pass on.</param>
internal sealed record NodeLauncher(Func<string[], Task<int>> RunNode, string[] NodeArguments)
{
    /// <summary>The verb that runs a node; it is also what an empty command line, or one that starts with an option, means.</summary>
    public const string RunVerb = "run";

    /// <summary>Creates a launcher for <paramref name="args"/>, the whole command line.</summary>
    /// <param name="runNode">The node's entry point.</param>
    /// <param name="args">The whole command line, with or without the leading <c>run</c>.</param>
    /// <returns>The launcher.</returns>
    public static NodeLauncher For(Func<string[], Task<int>> runNode, string[] args) =>
        new(runNode, args.Length > 0 && args[0] == RunVerb ? args[1..] : args);
}
