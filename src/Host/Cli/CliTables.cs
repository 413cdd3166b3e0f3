using Spectre.Console;

namespace PhaseFlow.Host.Cli;

/// <summary>Creates the verbs' tables: boxed on a terminal, bare aligned columns when the output is a file or pipe.</summary>
internal static class CliTables
{
    /// <summary>Creates a table with the given column headers.</summary>
    /// <param name="environment">Tells whether the output is a terminal.</param>
    /// <param name="headers">The column headers, plain text.</param>
    /// <returns>The empty table.</returns>
    public static Table Create(CliEnvironment environment, params string[] headers)
    {
        var table = new Table().Border(environment.IsTerminal ? TableBorder.Rounded : TableBorder.None);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header)) { NoWrap = !environment.IsTerminal });
        }

        return table;
    }
}
