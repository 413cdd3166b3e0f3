using System.Globalization;

namespace PhaseFlow.Bench;

/// <summary>The harness's command line: <c>--tasks N --phases K --recover M --postgres CONNSTR --quick --out FILE --json FILE --peers</c>.</summary>
internal sealed class BenchOptions
{
    public int Tasks { get; private set; } = 1000;

    public int Phases { get; private set; } = 10;

    public int Recover { get; private set; } = 10_000;

    public int LatencyPhases { get; private set; } = 300;

    public int RawRows { get; private set; } = 100_000;

    public int RawCommits { get; private set; } = 1000;

    public string? Postgres { get; private set; }

    public string? Out { get; private set; }

    /// <summary>Gets the file that receives every figure of the run as JSON (<see cref="BenchFigures"/>).</summary>
    public string? Json { get; private set; }

    /// <summary>Gets a value indicating whether Hangfire and WorkflowCore run the same phase work for comparison.</summary>
    public bool Peers { get; private set; }

    public bool Quick { get; private set; }

    /// <summary>Gets the one scenario to run (for profiling: throughput, latency, recovery, idle, postgres, throughput-postgres, latency-postgres), or null for all.</summary>
    public string? Only { get; private set; }

    public bool Runs(string scenario) => Only is null || Only == scenario;

    /// <summary>Gets how long one scenario may take before it is reported as timed out.</summary>
    public TimeSpan Patience { get; private set; } = TimeSpan.FromMinutes(5);

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        int? tasks = null, phases = null, recover = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            string? FileName() => i + 1 < args.Length ? args[++i] : null;
            int Count() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new ArgumentException($"{args[i - 1]} needs a positive whole number.");
            switch (args[i])
            {
                case "--tasks": tasks = Count(); break;
                case "--phases": phases = Count(); break;
                case "--recover": recover = Count(); break;
                case "--postgres": options.Postgres = Value(); break;
                case "--out": options.Out = OutputFile.Writable("--out", FileName()); break;
                case "--json": options.Json = OutputFile.Writable("--json", FileName()); break;
                case "--peers": options.Peers = true; break;
                case "--quick": options.Quick = true; break;
                case "--only": options.Only = Value(); break;
                case "--help" or "-h": throw new ArgumentException(Usage);
                default: throw new ArgumentException($"Unknown option '{args[i]}'.\n{Usage}");
            }
        }

        if (options.Quick)
        {
            // Under a minute in all: fewer tasks, fewer recovered tasks, shorter raw runs.
            options.Tasks = 300;
            options.Recover = 2000;
            options.LatencyPhases = 100;
            options.RawRows = 20_000;
            options.RawCommits = 300;
            options.Patience = TimeSpan.FromSeconds(40);
        }

        options.Tasks = tasks ?? options.Tasks;
        options.Phases = phases ?? options.Phases;
        options.Recover = recover ?? options.Recover;
        return options;
    }

    public const string Usage =
        "usage: phaseflow-bench [--tasks N=1000] [--phases K=10] [--recover M=10000] [--postgres CONNSTR] [--quick] [--out FILE] [--json FILE] [--peers] [--only throughput|latency|recovery|idle|idle-streams|postgres|throughput-postgres|latency-postgres]";
}
