using Akka.Actor.Setup;
using Akka.Configuration;
using PhaseFlow.Actors.ReadModel;
using PhaseFlow.Actors.WakeUps;

namespace PhaseFlow.Actors.Persistence;

/// <summary>
/// The database a node keeps everything durable in: the task journal and snapshots, sharding's own state (in
/// tables of their own), and the task list read model. SQLite (<see cref="SqliteStorage"/>) for one node,
/// PostgreSQL (<see cref="PostgresStorage"/>) for a cluster.
/// </summary>
public interface IPhaseFlowStorage
{
    /// <summary>Gets a description of the database for logs, without secrets (<c>SQLite</c> and the file's path, or <c>PostgreSQL</c> and host, port and database).</summary>
    string Description { get; }

    /// <summary>
    /// Makes the database ready before the actor system starts: creates what must exist (a file, tables). Safe to
    /// call from several nodes at once.
    /// </summary>
    /// <exception cref="InvalidOperationException">The database cannot be reached or prepared; the message says which and why.</exception>
    void Prepare();

    /// <summary>Gets the Akka configuration that points the five persistence plugins (journal, sharding journal, snapshots, sharding snapshots, query) at this database.</summary>
    /// <returns>A configuration to layer over <c>hocon/phaseflow.conf</c>.</returns>
    Config ToConfig();

    /// <summary>
    /// Gets what the persistence plugins take their database connections from, beyond <see cref="ToConfig"/>: an actor
    /// system setup, or <see langword="null"/> when the configuration says it all.
    /// </summary>
    /// <returns>The setup, or <see langword="null"/>.</returns>
    Setup? PluginSetup();

    /// <summary>Creates the task list store that lives in this database.</summary>
    /// <returns>The store.</returns>
    ITaskListStore CreateTaskListStore();

    /// <summary>Creates the reader the task list follows the task journal in this database with.</summary>
    /// <returns>The reader.</returns>
    ITaskJournalReader CreateTaskJournalReader();

    /// <summary>Creates the reader that tells, from the task journal in this database, whether a task id was ever accepted.</summary>
    /// <returns>The reader.</returns>
    IAcceptedTasks CreateAcceptedTasks();

    /// <summary>Creates the store of waiting tasks' wake-ups in this database.</summary>
    /// <returns>The store.</returns>
    IWakeUpStore CreateWakeUpStore();

    /// <summary>Creates the reader that tells, from the task journal in this database, how far many tasks' journals reach.</summary>
    /// <returns>The reader.</returns>
    ITaskJournalHeads CreateTaskJournalHeads();
}
