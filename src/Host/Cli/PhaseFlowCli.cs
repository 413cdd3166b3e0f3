using PhaseFlow.Contracts.Http;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PhaseFlow.Host.Cli;

/// <summary>
/// The <c>phaseflow</c> command line: <c>run</c> (the default) starts a node; <c>submit</c>, <c>status</c>,
/// <c>list</c>, <c>cancel</c>, <c>retry-revert</c>, <c>signal</c> and <c>watch</c> talk to one over HTTP.
/// </summary>
internal static class PhaseFlowCli
{
    /// <summary>Runs the command line against the real console and environment.</summary>
    /// <param name="args">The process's arguments.</param>
    /// <param name="runNode">Starts the node with its flags (the arguments without a leading <c>run</c>) and returns its exit code.</param>
    /// <returns>The exit code; see <see cref="CliExitCode"/>.</returns>
    public static Task<int> RunAsync(string[] args, Func<string[], Task<int>> runNode) =>
        RunAsync(args, runNode, CliEnvironment.FromProcess());

    /// <summary>Runs the command line in the given environment (tests substitute consoles, variables and clock).</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="runNode">Starts the node.</param>
    /// <param name="environment">The consoles, variables and clock.</param>
    /// <param name="cancellationToken">Cancels a running verb.</param>
    /// <returns>The exit code.</returns>
    internal static Task<int> RunAsync(
        string[] args,
        Func<string[], Task<int>> runNode,
        CliEnvironment environment,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(runNode);
        ArgumentNullException.ThrowIfNull(environment);

        var app = new CommandApp();
        app.SetDefaultCommand<RunCommand>()
            .WithDescription("PhaseFlow runs durable multi-phase tasks. With no verb (or only flags), it runs a node, like `phaseflow run`.");
        app.Configure(config =>
        {
            config.SetApplicationName("phaseflow");
            config.ConfigureConsole(environment.Out);
            config.Settings.Registrar.RegisterInstance(environment);
            config.Settings.Registrar.RegisterInstance(NodeLauncher.For(runNode, args));
            // An unknown option is a mistake to report, not an argument to pass on silently.
            config.UseStrictParsing();
            config.ValidateExamples();
            config.SetExceptionHandler((exception, _) =>
            {
                environment.WriteError(CliParseMessage.For(exception, args));
                if (exception is CommandParseException or CommandRuntimeException)
                {
                    environment.Error.WriteLine("see `phaseflow --help`, or `phaseflow VERB --help`");
                }

                return CliExitCode.Failure;
            });

            config.AddExample("--sqlite", "./data/phaseflow.db", "--urls", PhaseFlowApi.DefaultUrl);
            config.AddExample("submit", "mkdir", "--input", "'{\"path\":\"/tmp/a/b\"}'", "--wait");
            config.AddExample("list", "--state", "Running");
            config.AddExample("watch", "3f2a9c");

            config.AddCommand<RunCommand>(NodeLauncher.RunVerb)
                .WithDescription("Run a PhaseFlow node until Ctrl-C. The flags are the node's; it validates them at start-up.")
                .WithExample("run")
                .WithExample("run", "--urls", "http://0.0.0.0:5080", "--sqlite", "/var/lib/phaseflow/journal.db")
                .WithExample("run", "--akka-port", "4054", "--seed-nodes", "akka.tcp://phaseflow@10.0.0.5:4053");

            config.AddCommand<SubmitCommand>("submit")
                .WithDescription("Submit a task; prints its id and state. With --wait, watch it to the end (exit codes as watch).")
                .WithExample("submit", "mkdir", "--input", "'{\"path\":\"/tmp/a/b\"}'")
                .WithExample("submit", "mkdir", "--input", "@input.json", "--id", "make-a-b", "--wait");

            config.AddCommand<StatusCommand>("status")
                .WithDescription("Show a task: type, state, times, error, its phases and its child tasks. Exit 1 if there is no such task.")
                .WithExample("status", "make-a-b");

            config.AddCommand<ListCommand>("list")
                .WithDescription("List tasks, newest first, one page at a time (--all for every page).")
                .WithExample("list")
                .WithExample("list", "--state", "RevertFailed", "--type", "mkdir")
                .WithExample("list", "--parent", "order-7")
                .WithExample("list", "--limit", "100", "--all");

            config.AddCommand<CancelCommand>("cancel")
                .WithDescription("Cancel a task: it stops and reverts the phases it completed.")
                .WithExample("cancel", "make-a-b");

            config.AddCommand<RetryRevertCommand>("retry-revert")
                .WithDescription("Run the revert of a task in RevertFailed again.")
                .WithExample("retry-revert", "make-a-b");

            config.AddCommand<ResumeCommand>("resume")
                .WithDescription("Continue a Suspended task once its task type's definition matches what it recorded again.")
                .WithExample("resume", "make-a-b");

            config.AddCommand<SignalCommand>("signal")
                .WithDescription("Send a named signal to a task; a phase waiting for it completes with the payload as its output.")
                .WithExample("signal", "order-17", "payment-confirmed", "--payload", "'{\"amount\":42}'")
                .WithExample("signal", "order-17", "payment-confirmed", "--signal-id", "psp-8812");

            config.AddCommand<WatchCommand>("watch")
                .WithDescription(
                    "Follow a task live until it finishes. Exit 0 if it Succeeded, 2 if it ended Reverted, RevertFailed or Suspended, 1 on errors.")
                .WithExample("watch", "make-a-b")
                .WithExample("watch", "make-a-b", "--server", "http://10.0.0.5:5080");
        });

        return app.RunAsync(args, cancellationToken);
    }
}
