using Spectre.Console;

namespace PhaseFlow.Host.Cli;

/// <summary>
/// What the CLI verbs touch outside themselves — the consoles, environment variables, the clock and the reconnect
/// back-off — gathered in one place so tests can substitute every part.
/// </summary>
internal sealed class CliEnvironment
{
    /// <summary>The environment variable that names the server when <c>--server</c> is absent.</summary>
    public const string ServerVariable = "PHASEFLOW_SERVER";

    /// <summary>The environment variable holding the API key client verbs send.</summary>
    public const string ApiKeyVariable = "PHASEFLOW_API_KEY";

    /// <summary>The environment variable saying how long followers keep reconnecting when <c>--reconnect-for</c> is absent.</summary>
    public const string ReconnectForVariable = "PHASEFLOW_RECONNECT_FOR";

    /// <summary>Gets the console of standard output.</summary>
    public required IAnsiConsole Out { get; init; }

    /// <summary>Gets the console of standard error, where every error message goes.</summary>
    public required IAnsiConsole Error { get; init; }

    /// <summary>
    /// Gets a value indicating whether standard output is a terminal: live displays and colour are used only then;
    /// otherwise every verb prints plain lines a script can read.
    /// </summary>
    public required bool IsTerminal { get; init; }

    /// <summary>Gets the reader of environment variables.</summary>
    public Func<string, string?> GetVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Gets the clock used for elapsed times and back-off delays.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Gets the waits before each reconnect of a broken event stream, in a row; the last one repeats until the stream is
    /// back or the verb's reconnect window (<c>--reconnect-for</c>) has passed.
    /// </summary>
    public IReadOnlyList<TimeSpan> ReconnectBackoff { get; init; } =
        [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)];

    /// <summary>Gets how long a plain request may take before it is reported as unanswered.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Creates the environment of the real process: its standard output and error, variables and clock.</summary>
    /// <returns>The environment.</returns>
    public static CliEnvironment FromProcess()
    {
        var terminal = !Console.IsOutputRedirected;
        return new CliEnvironment
        {
            Out = CreateConsole(Console.Out, redirected: !terminal),
            Error = CreateConsole(Console.Error, redirected: Console.IsErrorRedirected),
            IsTerminal = terminal,
        };
    }

    /// <summary>Writes an error message to standard error, prefixed with <c>error:</c>.</summary>
    /// <param name="message">The message, plain text (never parsed as markup).</param>
    public void WriteError(string message) => Error.Write(new Text("error: " + message + Environment.NewLine, IsTerminal ? new Style(Color.Red) : Style.Plain));

    private static IAnsiConsole CreateConsole(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (redirected)
        {
            // A file or pipe has no width; without this, Spectre wraps long lines at 80 columns and breaks scripts.
            console.Profile.Width = 4096;
        }

        return console;
    }
}
