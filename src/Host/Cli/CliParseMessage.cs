namespace PhaseFlow.Host.Cli;

/// <summary>
/// Says what Spectre's command-line parser found wrong in the user's terms where its own message does not name the
/// option (it says "Flags cannot be assigned a value." for <c>--all=yes</c>, while <c>--all=true</c> is fine).
/// </summary>
internal static class CliParseMessage
{
    /// <summary>The message to show for a failure of the command line.</summary>
    /// <param name="exception">What the parser or a verb threw.</param>
    /// <param name="args">The command line as typed.</param>
    /// <returns>The message, without the <c>error:</c> prefix.</returns>
    public static string For(Exception exception, string[] args)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(args);
        if (exception.Message.StartsWith("Flags cannot be assigned a value", StringComparison.Ordinal)
            && args.FirstOrDefault(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal)) is { } given)
        {
            var flag = given[..given.IndexOf('=', StringComparison.Ordinal)];
            return $"{flag} is a switch: give it alone (or {flag}=true / {flag}=false), not '{given}'";
        }

        return exception.Message;
    }
}
