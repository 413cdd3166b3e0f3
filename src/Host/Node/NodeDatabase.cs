using System.Collections;
using PhaseFlow.Actors.Hosting;
using PhaseFlow.Actors.Persistence;

namespace PhaseFlow.Host.Node;

/// <summary>
/// Opens the database before the host starts, so a SQLite path the node cannot use, or a PostgreSQL server it cannot
/// reach, is one clear line naming the flag (exit code 2) rather than the host's start-up failure with a stack trace.
/// </summary>
internal static class NodeDatabase
{
    /// <summary>Creates (or opens) the SQLite database the options name, or prepares the PostgreSQL database (which the node does again, harmlessly, as it starts).</summary>
    /// <param name="options">The validated options.</param>
    /// <param name="args">The node's flags (to name the one that gave the path).</param>
    /// <param name="environment">The environment variables.</param>
    /// <exception cref="NodeConfigurationException">The database cannot be created, opened or reached; the message says which setting gave it and why.</exception>
    public static void Check(PhaseFlowOptions options, string[] args, IDictionary environment)
    {
        if (options.PostgresConnectionString is { } postgres)
        {
            try
            {
                new PostgresStorage(postgres).Prepare();
            }
            catch (InvalidOperationException e)
            {
                var origin = NodeSettingValues.Origin(PhaseFlowOptions.SectionName, nameof(PhaseFlowOptions.PostgresConnectionString), args, environment);
                throw new NodeConfigurationException($"{origin}: {e.Message}. Check that the server runs and the connection string's host, port, database, user and password are right.", e);
            }

            return;
        }

        try
        {
            new SqliteStorage(options.SqlitePath, options.SqliteBusyTimeout).Prepare();
        }
        catch (InvalidOperationException e)
        {
            var origin = NodeSettingValues.Origin(PhaseFlowOptions.SectionName, nameof(PhaseFlowOptions.SqlitePath), args, environment);
            throw new NodeConfigurationException($"{origin}: {e.Message} Give a file path in a folder the node may create and write to.", e);
        }
    }
}
