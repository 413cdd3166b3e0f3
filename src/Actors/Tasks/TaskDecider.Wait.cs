using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Contracts.Events;

namespace PhaseFlow.Actors.Tasks;

/// <summary>
/// Waiting phases: durable delays and signal waits. They run no code: an attempt records what it waits for (and until
/// when) as it starts, and the task completes it, fails it (a signal wait that timed out) or keeps waiting, in any
/// life of the actor, on any node.
/// </summary>
internal static partial class TaskDecider
{
    private static void StartWait(DecisionDraft d, int index, string name, int attempt, PhaseWait wait)
    {
        if (wait is PhaseWait.Children or PhaseWait.Task)
        {
            StartAwait(d, index, name, attempt, wait);
            return;
        }

        var record = wait switch
        {
            PhaseWait.Delay delay => new PhaseWaitRecord(PhaseWaitKind.Delay, null, d.Now + delay.Duration),
            PhaseWait.Signal signal => new PhaseWaitRecord(PhaseWaitKind.Signal, signal.Name, d.Now + signal.Timeout),
            _ => throw new ArgumentException($"Unknown kind of wait {wait.GetType().Name}.", nameof(wait)),
        };
        d.Record(new PhaseStarted(d.TaskId, index, name, attempt, d.Now, Interruptions: 0, record));
        ContinueWait(d, d.State.Phases[index]);
    }

    private static void ContinueWait(DecisionDraft d, PhaseRecord phase)
    {
        var wait = phase.Wait!;
        if (wait.Kind is PhaseWaitKind.Children or PhaseWaitKind.Task)
        {
            ContinueAwait(d, phase);
            return;
        }

        if (wait.Kind == PhaseWaitKind.Signal && FirstUnusedSignal(d.State, wait.Signal!) is { } number)
        {
            d.Record(new PhaseCompleted(d.TaskId, phase.Index, phase.Name, d.State.Signals[number].PayloadJson, d.Now, number));
            d.Log(TaskLogLevel.Info, $"phase {phase.Index + 1} '{phase.Name}' took signal '{wait.Signal}', which had arrived before it waited.");
            Advance(d);
            return;
        }

        if (wait.Until is { } until && until <= d.Now)
        {
            if (wait.Kind == PhaseWaitKind.Delay)
            {
                d.Record(new PhaseCompleted(d.TaskId, phase.Index, phase.Name, null, d.Now));
                Advance(d);
                return;
            }

            var error = TaskError.Of(
                "SignalTimedOut",
                $"Phase {phase.Index + 1} '{phase.Name}' waited until {until:O} for signal '{wait.Signal}', and none came.");
            FailAttempt(d, phase.Index, phase.Name, phase.Attempts, error, retryWanted: true);
            return;
        }

        if (wait.Until is { } due)
        {
            WaitUntil(d, new TaskEffect.ScheduleWait(phase.Index, due), due);
        }
        else if (d.Rules.SleepAfter is not null)
        {
            // Only a signal (a command) ends this wait, and a command starts the task wherever its shard is.
            d.Do(new TaskEffect.Sleep(null));
        }
    }

    /// <summary>Sets the task's timer for <paramref name="due"/>, and lets it leave memory meanwhile when the wait is long enough.</summary>
    private static void WaitUntil(DecisionDraft d, TaskEffect timer, DateTimeOffset due)
    {
        d.Do(timer);
        if (d.Rules.SleepAfter is { } sleepAfter && due - d.Now >= sleepAfter)
        {
            d.Do(new TaskEffect.Sleep(due));
        }
    }

    private static void OnWaitDue(DecisionDraft d, TaskSignal.WaitDue signal)
    {
        if (d.State.State == TaskLifecycleState.Reverting && d.Life.IsIdle)
        {
            // The revert waits for children to be undone: time to ask them again.
            Advance(d);
            return;
        }

        if (d.State is { State: TaskLifecycleState.Running, InFlightPhase: { RetryAt: null, Wait: not null } waiting }
            && waiting.Index == signal.Index
            && d.Life.IsIdle)
        {
            Advance(d);
        }
    }

    private static void OnSignal(DecisionDraft d, TaskSignal.Signal signal)
    {
        var command = signal.Command;
        if (!SignalNames.IsValid(command.Name))
        {
            d.ReplyRejected(RejectionCode.InvalidInput, SignalNames.Explain("signal name", command.Name));
            return;
        }

        if (command.SignalId is { } signalId && !SignalNames.IsValid(signalId))
        {
            d.ReplyRejected(RejectionCode.InvalidInput, SignalNames.Explain("signal id", signalId));
            return;
        }

        var state = d.State;
        if (!state.Exists)
        {
            ReplyNotFound(d);
            return;
        }

        if (command.SignalId is { } repeated && state.Signals.Any(s => s.SignalId == repeated && s.Name == command.Name))
        {
            // The same signal again (a sender's retry): accepted, and nothing changes.
            d.ReplyAccepted();
            return;
        }

        if (state.State is not (TaskLifecycleState.Pending or TaskLifecycleState.Running or TaskLifecycleState.Suspended))
        {
            d.ReplyRejected(RejectionCode.InvalidState, $"Task '{d.TaskId}' is {state.State}; it takes no more signals.");
            return;
        }

        var inFlight = state.InFlightPhase;
        if (state.State == TaskLifecycleState.Running
            && d.Life.IsIdle
            && inFlight is { State: PhaseLifecycleState.Running, RetryAt: null, Wait: { Kind: PhaseWaitKind.Signal } wait }
            && wait.Signal == command.Name)
        {
            d.Record(new SignalReceived(d.TaskId, command.Name, command.PayloadJson, command.SignalId, inFlight.Index, d.Now));
            d.Record(new PhaseCompleted(d.TaskId, inFlight.Index, inFlight.Name, command.PayloadJson, d.Now));
            d.Do(new TaskEffect.CancelRetry());
            d.Log(TaskLogLevel.Info, $"phase {inFlight.Index + 1} '{inFlight.Name}' received signal '{command.Name}'.");
            Advance(d);
            d.ReplyAccepted();
            return;
        }

        var waitsForItLater = signal.Declared || inFlight is { Wait: { Kind: PhaseWaitKind.Signal } later } && later.Signal == command.Name;
        if (waitsForItLater)
        {
            d.Record(new SignalReceived(d.TaskId, command.Name, command.PayloadJson, command.SignalId, null, d.Now));
            d.Log(TaskLogLevel.Info, $"kept signal '{command.Name}' for the phase that will wait for it.");
            d.ReplyAccepted();
            return;
        }

        var waitsFor = inFlight is { State: PhaseLifecycleState.Running, Wait: { Kind: PhaseWaitKind.Signal } current }
            ? $"it waits for signal '{current.Signal}'"
            : "no phase of it waits for a signal now";
        d.ReplyRejected(
            RejectionCode.InvalidState,
            $"Task '{d.TaskId}' does not wait for signal '{command.Name}' ({waitsFor}), and its type does not declare that signal, so it would never be used.");
    }

    private static int? FirstUnusedSignal(TaskState state, string name)
    {
        for (var i = 0; i < state.Signals.Count; i++)
        {
            if (!state.Signals[i].Used && state.Signals[i].Name == name)
            {
                return i;
            }
        }

        return null;
    }
}
