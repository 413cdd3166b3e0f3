using PhaseFlow.Actors.Hosting;

namespace PhaseFlow.Bench;

/// <summary>A fresh database for one measurement's node: a SQLite file in a temporary folder or a PostgreSQL database.</summary>
internal interface IBenchDatabase
{
    /// <summary>Gets the storage's name as the table prints it (SQLite, PostgreSQL).</summary>
    string Kind { get; }

    /// <summary>Points a node's options at this database.</summary>
    void Configure(PhaseFlowOptions options);

    /// <summary>Runs a <c>SELECT count(*)</c> against the node's tables.</summary>
    Task<long> CountAsync(string sql);
}
