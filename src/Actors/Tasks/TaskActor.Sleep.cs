using Akka.Actor;
using PhaseFlow.Actors.WakeUps;
using PhaseFlow.Contracts;

namespace PhaseFlow.Actors.Tasks;

/// <summary>
/// Waiting out of memory: a task whose next step is far enough away records a durable wake-up and passivates; the
/// node's <see cref="TaskWaker"/> wakes it through sharding when it is due, on whichever node then holds its shard.
/// </summary>
/// <remarks>
/// <para>The task leaves memory once it has had no message for <see cref="TaskSleep.Grace"/>: a client that keeps asking
/// (a watcher polling its status) keeps it in memory instead of starting and recovering it for every question.</para>
/// <para>The order keeps the wait safe through any crash: the wake-up is committed before the actor asks its shard to
/// passivate (until then remember-entities restarts it), and its row is removed only after the task answered a wake,
/// that is, once it runs and is remembered again. If the row cannot be written the task simply stays in memory.</para>
/// </remarks>
public sealed partial class TaskActor
{
    // The wake-up the latest decision asked to sleep until; every later decision clears it unless it asks again.
    private WakeUp? _asleepFor;

    // Set once nothing but a wake-up or a command can move the task on (and any wake-up is stored): the task then leaves
    // memory after TaskSleep.Grace without messages. Every decision clears it unless it asks to sleep again.
    private bool _readyToSleep;

    private void Sleep(TaskEffect.Sleep sleep)
    {
        if (_settings.Sleep is not { } settings || !_settings.PassivateThroughParent)
        {
            return;
        }

        if (sleep.Due is not { } due)
        {
            // Nothing but a command ends this wait, and sharding starts the task for any command sent to it.
            _readyToSleep = true;
            return;
        }

        var wakeUp = WakeUp.At(_taskId, due);
        _asleepFor = wakeUp;
        settings.WakeUps.SetAsync(wakeUp, CancellationToken.None).PipeTo(
            Self,
            success: () => new WakeUpRecorded(wakeUp),
            failure: e => new WakeUpNotRecorded(wakeUp, e.GetBaseException().Message));
    }

    private void OnWakeUpRecorded(WakeUpRecorded recorded)
    {
        // Only if no decision since the wake-up was asked for changed what the task waits for (a cancel, a signal).
        if (_life.IsIdle && _asleepFor == recorded.WakeUp)
        {
            _readyToSleep = true;
            RefreshIdleTimeout();
        }
    }

    private void OnWakeTask(WakeTask wake)
    {
        // Recovered by now (commands wait for recovery), and running under sharding again: the row can go.
        Sender.Tell(new TaskWoken(wake.TaskId, wake.DueUnixMs));
        if (!_state.Exists)
        {
            Passivate();
        }
    }

    /// <summary>A task's wake-up is committed: it may leave memory.</summary>
    /// <param name="WakeUp">The wake-up.</param>
    private sealed record WakeUpRecorded(WakeUp WakeUp);

    /// <summary>A task's wake-up could not be written: it stays in memory and its timer wakes it.</summary>
    /// <param name="WakeUp">The wake-up.</param>
    /// <param name="Reason">Why.</param>
    private sealed record WakeUpNotRecorded(WakeUp WakeUp, string Reason);
}
