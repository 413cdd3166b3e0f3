using System.Globalization;
using PhaseFlow.Bench.Peers;

// Started by phaseflow-bench --peers: phaseflow-bench-peers hangfire|workflowcore TASKS PHASES PATIENCE_SECONDS.
// Prints one line: "<seconds of the measured run> <phases run in it> <completed: true|false>".
if (args.Length != 4
    || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var tasks) || tasks <= 0
    || !int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var phases) || phases <= 0
    || !int.TryParse(args[3], NumberStyles.None, CultureInfo.InvariantCulture, out var patience) || patience <= 0)
{
    Console.Error.WriteLine("usage: phaseflow-bench-peers hangfire|workflowcore TASKS PHASES PATIENCE_SECONDS (positive whole numbers)");
    return 2;
}

(double Seconds, long Phases, bool Completed) result;
switch (args[0])
{
    case "hangfire":
        result = await HangfirePeer.RunAsync(tasks, phases, TimeSpan.FromSeconds(patience));
        break;
    case "workflowcore":
        result = await WorkflowCorePeer.RunAsync(tasks, phases, TimeSpan.FromSeconds(patience));
        break;
    default:
        Console.Error.WriteLine($"unknown peer '{args[0]}': hangfire or workflowcore");
        return 2;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Seconds:R} {result.Phases} {(result.Completed ? "true" : "false")}"));
return 0;
