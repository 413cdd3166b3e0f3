using System.Diagnostics;
using Hangfire;
using Hangfire.Storage.SQLite;

namespace PhaseFlow.Bench.Peers;

/// <summary>
/// Hangfire on its SQLite storage (a fresh file): each task is a chain of jobs, phase k+1 a continuation of phase k,
/// so a phase starts only after the previous one is stored as succeeded, as in PhaseFlow.
/// </summary>
internal static class HangfirePeer
{
    public static async Task<(double Seconds, long Phases, bool Completed)> RunAsync(int tasks, int phases, TimeSpan patience)
    {
        var folder = Path.Combine(Path.GetTempPath(), "phaseflow-bench", $"hangfire-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            // The default poll interval (15 s) would measure waiting; a short one gives Hangfire its best case.
            var storage = new SQLiteStorage(Path.Combine(folder, "hangfire.db"), new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromMilliseconds(100) });
            GlobalConfiguration.Configuration.UseStorage(storage).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            using var server = new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = Environment.ProcessorCount * 5 }, storage);
            var client = new BackgroundJobClient(storage);

            // Warm-up, not counted: a tenth of the work, as PhaseFlow's throughput run has.
            var warm = Math.Max(1, tasks / 10);
            if (!await RunChainsAsync(client, "warm", warm, phases, patience).ConfigureAwait(false))
            {
                return (double.NaN, 0, false);
            }

            var watch = Stopwatch.StartNew();
            var completed = await RunChainsAsync(client, "tp", tasks, phases, patience).ConfigureAwait(false);
            return (watch.Elapsed.TotalSeconds, PhaseCounter.Phases, completed);
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by the storage's background thread; the OS cleans its temp folder.
            }
        }
    }

    private static async Task<bool> RunChainsAsync(BackgroundJobClient client, string prefix, int tasks, int phases, TimeSpan patience)
    {
        PhaseCounter.Expect((long)tasks * phases);
        for (var t = 0; t < tasks; t++)
        {
            var task = $"{prefix}-{t:D6}";
            var job = client.Enqueue(() => HangfirePhase.Run(task, 0));
            for (var p = 1; p < phases; p++)
            {
                var phase = p;
                job = client.ContinueJobWith(job, () => HangfirePhase.Run(task, phase));
            }
        }

        try
        {
            await PhaseCounter.Reached.WaitAsync(patience).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
