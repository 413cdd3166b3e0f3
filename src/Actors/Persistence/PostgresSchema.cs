using Npgsql;

namespace PhaseFlow.Actors.Persistence;

/// <summary>
/// Every table PhaseFlow keeps in PostgreSQL, created in one transaction under an advisory lock so that nodes
/// starting together against an empty database wait for each other instead of racing.
/// </summary>
/// <remarks>
/// <para>
/// PostgreSQL's <c>CREATE TABLE IF NOT EXISTS</c> is not atomic: two sessions can both see the table missing and the
/// second then fails on a catalog unique index (<c>pg_type_typname_nsp_index</c>). Akka.Persistence.Sql's own
/// auto-initialisation runs such statements from every node, so it is switched off for PostgreSQL and this class
/// creates the same tables instead.
/// </para>
/// <para>
/// The plugin tables are exactly what Akka.Persistence.Sql 1.5.73 (<c>table-mapping = default</c>, tag table on)
/// creates for the table names in <c>hocon/phaseflow.conf</c>: <c>journal</c>, <c>tags</c> and <c>snapshot</c> for
/// tasks, and the <c>sharding_</c> copies for sharding's remembered entities and coordinator state. The task
/// <c>journal</c> has one column more, <c>tx_id</c>, which the plugin does not know and leaves to its default.
/// </para>
/// </remarks>
internal static class PostgresSchema
{
    // Any fixed number works, as long as nothing else in the database takes the same advisory lock.
    private const long SchemaLockKey = 0x5048_4153_4546_4C57; // "PHASEFLW"

    /// <summary>Creates every table and index that is missing; changes nothing that exists.</summary>
    /// <param name="connectionString">The database.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the schema exists.</returns>
    public static async Task CreateAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;

        // Released at commit or rollback, so a node that dies here cannot leave the lock held.
        command.CommandText = $"SELECT pg_advisory_xact_lock({SchemaLockKey})";
        await command.ExecuteNonQueryAsync(cancellationToken);

        command.CommandText = string.Join(
            "\n",
            JournalTables("journal", "tags"),
            JournalTables("sharding_journal", "sharding_tags"),
            SnapshotTable("snapshot"),
            SnapshotTable("sharding_snapshot"),
            TaskListTables,
            TransactionColumns,
            LeaseTable,
            WakeUpTable);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // CREATE INDEX IF NOT EXISTS locks its table (SHARE) before it looks: on a live journal it would wait for every open
    // write transaction, and every later write would queue behind it. Looking first keeps a node start out of the way.
    private static string Index(string name, string table, string columns) =>
        $"DO $$ BEGIN IF to_regclass('{name}') IS NULL THEN CREATE INDEX {name} ON {table} ({columns}); END IF; END $$;";

    private static string JournalTables(string journal, string tags) => $"""
        CREATE TABLE IF NOT EXISTS {journal} (
            ordering bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
            created bigint NOT NULL,
            deleted boolean NOT NULL,
            persistence_id text NOT NULL,
            sequence_number bigint NOT NULL,
            message bytea NOT NULL,
            manifest text,
            identifier integer,
            writer_uuid text,
            CONSTRAINT "PK_{journal}" PRIMARY KEY (ordering),
            CONSTRAINT {journal}_uq UNIQUE (persistence_id, sequence_number));
        {Index($"{journal}_created_idx", journal, "created")}
        {Index($"{journal}_sequence_number_idx", journal, "sequence_number")}
        CREATE TABLE IF NOT EXISTS {tags} (
            ordering_id bigint NOT NULL,
            tag text NOT NULL,
            sequence_nr bigint NOT NULL,
            persistence_id text NOT NULL,
            CONSTRAINT "PK_{tags}" PRIMARY KEY (ordering_id, tag));
        {Index($"{tags}_persistence_id_sequence_nr_idx", tags, "persistence_id, sequence_nr")}
        {Index($"{tags}_tag_idx", tags, "tag")}
        """;

    private static string SnapshotTable(string snapshot) => $"""
        CREATE TABLE IF NOT EXISTS {snapshot} (
            persistence_id text NOT NULL,
            sequence_number bigint NOT NULL,
            created bigint NOT NULL,
            snapshot bytea,
            manifest text,
            serializer_id integer,
            CONSTRAINT "PK_{snapshot}" PRIMARY KEY (persistence_id, sequence_number));
        {Index($"{snapshot}_created_idx", snapshot, "created")}
        {Index($"{snapshot}_sequence_number_idx", snapshot, "sequence_number")}
        """;

    // Each task journal row records the transaction that wrote it, so the task list can tell a row whose commit is
    // late from a hole left by a rollback (see PostgresTaskJournalReader); the task list's position records one too.
    // The plugin never names the column, so the default fills it. Rows that exist when it is added get 0 (a constant
    // default needs no table rewrite), so they keep their ordering order ahead of every later row, and a stored
    // position from before goes on where it was. Checked first, so a node start takes no lock on the journal.
    private const string TransactionColumns = """
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'journal'::regclass AND attname = 'tx_id' AND NOT attisdropped) THEN
                ALTER TABLE journal ADD COLUMN tx_id xid8 NOT NULL DEFAULT '0';
                ALTER TABLE journal ALTER COLUMN tx_id SET DEFAULT pg_current_xact_id();
                CREATE INDEX journal_tx_id_ordering_idx ON journal (tx_id, ordering);
            END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'projection_offset'::regclass AND attname = 'tx_id' AND NOT attisdropped) THEN
                ALTER TABLE projection_offset ADD COLUMN tx_id xid8 NOT NULL DEFAULT '0';
            END IF;
        END $$;
        """;

    // The read model behind GET /tasks (see PostgresTaskListStore).
    private static string TaskListTables => $"""
        CREATE TABLE IF NOT EXISTS task_list (
            task_id text NOT NULL PRIMARY KEY,
            task_type text NOT NULL,
            state text NOT NULL,
            current_phase integer NULL,
            phases_completed integer NOT NULL,
            created_at bigint NOT NULL,
            updated_at bigint NOT NULL,
            last_sequence_nr bigint NOT NULL,
            parent_id text NULL);
        {TaskListParentColumn}
        {Index("task_list_newest", "task_list", "created_at DESC, task_id DESC")}
        {Index("task_list_by_state", "task_list", "state, created_at DESC, task_id DESC")}
        {Index("task_list_by_type", "task_list", "task_type, created_at DESC, task_id DESC")}
        {Index("task_list_by_parent", "task_list", "parent_id, created_at DESC, task_id DESC")}
        CREATE TABLE IF NOT EXISTS projection_offset (
            projection text NOT NULL PRIMARY KEY,
            ordering bigint NOT NULL);
        """;

    // A task list from before child tasks lacks parent_id. Adding a nullable column without a default only changes the
    // catalog (no table rewrite), and existing rows read as having no parent. Checked first, like TransactionColumns.
    private const string TaskListParentColumn = """
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'task_list'::regclass AND attname = 'parent_id' AND NOT attisdropped) THEN
                ALTER TABLE task_list ADD COLUMN parent_id text NULL;
            END IF;
        END $$;
        """;

    // The cluster's leases (see Coordination.PostgresLeaseTable): who holds each, and until when by the database's clock.
    private const string LeaseTable = """
        CREATE TABLE IF NOT EXISTS cluster_lease (
            name text NOT NULL PRIMARY KEY,
            owner text NOT NULL,
            expires_at timestamptz NOT NULL);
        """;

    // Waiting tasks that left memory, and when each is due (see WakeUps.SqlWakeUpStore).
    private static string WakeUpTable => $"""
        CREATE TABLE IF NOT EXISTS task_wakeup (
            task_id text NOT NULL PRIMARY KEY,
            due_at bigint NOT NULL);
        {Index("task_wakeup_due", "task_wakeup", "due_at")}
        """;
}
