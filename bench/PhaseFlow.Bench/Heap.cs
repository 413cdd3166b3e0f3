namespace PhaseFlow.Bench;

/// <summary>Managed heap size after full, compacting collections: the live bytes, not what happens to be allocated.</summary>
internal static class Heap
{
    public static long LiveBytes()
    {
        for (var i = 0; i < 2; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
