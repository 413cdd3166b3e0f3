using System.Collections.Immutable;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Journal;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>Journals that misbehave on purpose, for what must cope with a journal that hangs or fails.</summary>
public static class StubJournals
{
    /// <summary>Makes an actor system's journal one that never answers a read.</summary>
    public static Config Silent { get; } = Plugin(typeof(SilentJournal));

    /// <summary>Makes an actor system's journal one whose every read fails.</summary>
    public static Config Broken { get; } = Plugin(typeof(BrokenJournal));

    private static Config Plugin(Type journal) => ConfigurationFactory.ParseString($$"""
        akka.persistence.journal.plugin = "akka.persistence.journal.stub"
        akka.persistence.journal.stub.class = "{{journal.AssemblyQualifiedName}}"
        akka.persistence.journal.stub.plugin-dispatcher = "akka.actor.default-dispatcher"
        """);

    /// <summary>Never completes a read or a write.</summary>
    public sealed class SilentJournal : AsyncWriteJournal
    {
        public override Task ReplayMessagesAsync(Akka.Actor.IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<IPersistentRepresentation> recoveryCallback) =>
            new TaskCompletionSource().Task;

        public override Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken) => new TaskCompletionSource<long>().Task;

        protected override Task<IImmutableList<Exception?>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken) =>
            new TaskCompletionSource<IImmutableList<Exception?>>().Task;

        protected override Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken) => new TaskCompletionSource().Task;
    }

    /// <summary>Fails every read and write with an I/O error.</summary>
    public sealed class BrokenJournal : AsyncWriteJournal
    {
        private static readonly IOException Failure = new("disk I/O error (stub journal)");

        public override Task ReplayMessagesAsync(Akka.Actor.IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<IPersistentRepresentation> recoveryCallback) =>
            Task.FromException(Failure);

        public override Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken) => Task.FromException<long>(Failure);

        protected override Task<IImmutableList<Exception?>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken) =>
            Task.FromException<IImmutableList<Exception?>>(Failure);

        protected override Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken) => Task.FromException(Failure);
    }
}
