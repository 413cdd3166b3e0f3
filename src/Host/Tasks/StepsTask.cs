using System.ComponentModel.DataAnnotations;
using System.Globalization;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;

namespace PhaseFlow.Host.Tasks;

/// <summary>
/// A task made for exercising crash, retry and revert end to end: <c>count</c> phases named <c>step-i</c>, each
/// waiting <c>delayMs</c> and appending <c>run i</c> to an optional journal file, with an injectable failure.
/// The revert appends <c>revert i</c> for the phase that was in flight (it may have written <c>run i</c>) and then for each
/// completed phase, in reverse order.
/// </summary>
/// <remarks>
/// Reading the journal file after a crash shows what really ran: each completed phase's line appears once, and
/// the phase that was interrupted at most twice.
/// </remarks>
public sealed class StepsTask : TaskDefinition<StepsInput>
{
    /// <summary>The task type's name.</summary>
    public const string Name = "steps";

    /// <summary>The largest <see cref="StepsInput.Count"/>.</summary>
    public const int MaxCount = 10_000;

    /// <summary>The largest <see cref="StepsInput.DelayMs"/> (one hour).</summary>
    public const int MaxDelayMs = 3_600_000;

    /// <summary>The longest durable delay (<c>waitMs</c>): 366 days.</summary>
    public const long MaxWaitMs = 31_622_400_000;

    /// <summary>How many attempts a phase gets: the first and two retries.</summary>
    public const int MaxAttempts = 3;

    private readonly DemoRoot _root;

    /// <summary>Initializes the task type with the system's temporary directory as the root its journal file must be under.</summary>
    public StepsTask()
        : this(DemoRoot.SystemTemp)
    {
    }

    /// <summary>Initializes the task type.</summary>
    /// <param name="root">The directory the journal file must be under.</param>
    public StepsTask(DemoRoot root) => _root = root;

    /// <summary>The retry policy of every step: up to <see cref="MaxAttempts"/> attempts, 100 ms then 200 ms apart.</summary>
    public static RetryPolicy Retry { get; } = RetryPolicy.Exponential(MaxAttempts, TimeSpan.FromMilliseconds(100));

    /// <inheritdoc/>
    public override string TypeName => Name;

    /// <summary>Names phase <paramref name="index"/>.</summary>
    /// <param name="index">The 0-based index.</param>
    /// <returns><c>step-{index}</c>.</returns>
    public static string PhaseName(int index) => $"step-{index}";

    /// <inheritdoc/>
    protected override IEnumerable<string> Validate(StepsInput input)
    {
        if (input.Children is { } children)
        {
            if (children.Count is 0 or > Phase.MaxChildren)
            {
                yield return $"children must have 1 to {Phase.MaxChildren} entries; it has {children.Count}";
            }

            // Each child is checked now, so a bad child input is refused with the parent, before anything runs.
            for (var i = 0; i < children.Count; i++)
            {
                foreach (var problem in ValidateChild(children[i]))
                {
                    yield return $"children[{i}]: {problem}";
                }
            }
        }

        if (input.WaitForTask is { } awaited && !TaskIds.IsValid(awaited))
        {
            yield return "waitForTask: " + TaskIds.Explain(awaited);
        }

        if (input.FailAtPhase is { } failAt && (failAt < 0 || failAt >= input.Count))
        {
            yield return $"failAtPhase must be between 0 and count - 1 ({input.Count - 1}); it is {failAt}";
        }

        if (input.WaitForSignal is { } signal && !SignalNames.IsValid(signal))
        {
            yield return "waitForSignal: " + SignalNames.Explain("signal name", signal);
        }

        if (input.FailAttempts is not null && input.FailAtPhase is null)
        {
            yield return "failAttempts needs failAtPhase (which phase fails)";
        }

        if (input.Journal is { } journal)
        {
            if (!Path.IsPathFullyQualified(journal))
            {
                yield return $"journal must be an absolute file path; '{journal}' is relative";
            }
            else if (journal.Contains('\0', StringComparison.Ordinal))
            {
                yield return "journal must not contain NUL characters";
            }
            else if (_root.Explain("journal", journal) is { } outside)
            {
                yield return outside;
            }
        }
    }

    /// <inheritdoc/>
    protected override int? ExpectedPhaseCount(StepsInput input) =>
        input.Count + (input.Children is null ? 0 : 1) + (input.WaitMs is null ? 0 : 1) + (input.WaitForTask is null ? 0 : 1) + (input.WaitForSignal is null ? 0 : 1);

    /// <inheritdoc/>
    protected override IEnumerable<string> Signals(StepsInput input) => input.WaitForSignal is { } signal ? [signal] : [];

    /// <inheritdoc/>
    protected override IEnumerable<Phase> Plan(StepsInput input, PlanContext plan)
    {
        for (var i = 0; i < input.Count; i++)
        {
            var index = i;
            yield return Phase.Run(PhaseName(index), async context =>
                {
                    if (input.Timed)
                    {
                        await AppendAsync(input.Journal, Stamp("start", index), context.CancellationToken);
                    }

                    try
                    {
                        if (input.DelayMs > 0)
                        {
                            await Task.Delay(input.DelayMs, context.CancellationToken);
                        }

                        await AppendAsync(input.Journal, $"run {index}", context.CancellationToken);
                        if (index == input.FailAtPhase && (input.FailAttempts is null || context.Attempt <= input.FailAttempts))
                        {
                            throw new InvalidOperationException($"step-{index} failed on purpose (attempt {context.Attempt}; failAtPhase = {index}).");
                        }
                    }
                    finally
                    {
                        if (input.Timed)
                        {
                            // Also when cancelled: the run is over either way, and the end must be on record.
                            await AppendAsync(input.Journal, Stamp("end", index), CancellationToken.None);
                        }
                    }
                })
                .WithRetry(Retry)
                .WithUndo(async context =>
                {
                    if (input.RevertFails)
                    {
                        throw new InvalidOperationException($"the revert of step-{index} failed on purpose (revertFails = true).");
                    }

                    if (input.RevertDelayMs > 0)
                    {
                        await Task.Delay(input.RevertDelayMs, context.CancellationToken);
                    }

                    await AppendAsync(input.Journal, $"revert {index}", context.CancellationToken);
                });
        }

        foreach (var wait in Waits(input))
        {
            yield return wait;
        }
    }

    private static IEnumerable<Phase> Waits(StepsInput input)
    {
        if (input.Children is { } children)
        {
            yield return Phase.StartChildren("children", children.Select(child => ChildTask.Of(Name, child)));
        }

        if (input.WaitMs is { } waitMs)
        {
            yield return Phase.Delay("wait", TimeSpan.FromMilliseconds(waitMs));
        }

        if (input.WaitForTask is { } awaited)
        {
            yield return Phase.WaitForTask("wait-for-task", awaited);
        }

        if (input.WaitForSignal is { } signal)
        {
            yield return Phase.WaitForSignal($"signal-{signal}", signal);
        }
    }

    private IEnumerable<string> ValidateChild(StepsInput child)
    {
        if (child is null)
        {
            yield return "must be a steps input, not null";
            yield break;
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(child, new ValidationContext(child), results, validateAllProperties: true))
        {
            foreach (var result in results)
            {
                yield return result.ErrorMessage ?? "invalid value";
            }
        }

        foreach (var problem in Validate(child))
        {
            yield return problem;
        }
    }

    private static string Stamp(string what, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{what} {index} {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()} {Environment.ProcessId}");

    private async Task AppendAsync(string? journal, string line, CancellationToken cancellationToken)
    {
        if (journal is not null)
        {
            // Checked again at the moment of writing: a link put in the way since the submission does not lead out.
            _root.Demand("journal", journal);
            await File.AppendAllTextAsync(journal, line + "\n", cancellationToken);
        }
    }
}
