using PhaseFlow.Actors.Persistence;
using PhaseFlow.Actors.WakeUps;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Actors.WakeUps;

/// <summary>The wake-up table's rules, on SQLite and PostgreSQL alike.</summary>
public sealed class WakeUpStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Databases => new() { "sqlite", "postgres" };

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task DueAsync_ReadsOnlyWakeUpsDueByThen_EarliestFirst_UpToTheLimit(string database)
    {
        await using var db = await Open(database);
        await db.Store.SetAsync(WakeUp.At("c", T0.AddSeconds(30)), default);
        await db.Store.SetAsync(WakeUp.At("a", T0.AddSeconds(10)), default);
        await db.Store.SetAsync(WakeUp.At("b", T0.AddSeconds(20)), default);

        Assert.Equal(["a", "b"], (await db.Store.DueAsync(T0.AddSeconds(20), 10, default)).Select(w => w.TaskId));
        Assert.Equal(["a"], (await db.Store.DueAsync(T0.AddMinutes(1), 1, default)).Select(w => w.TaskId));
        Assert.Empty(await db.Store.DueAsync(T0, 10, default));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task SetAsync_SameTaskAgain_MovesItsOneWakeUp(string database)
    {
        await using var db = await Open(database);
        await db.Store.SetAsync(WakeUp.At("a", T0.AddSeconds(10)), default);
        await db.Store.SetAsync(WakeUp.At("a", T0.AddSeconds(40)), default);

        Assert.Equal([WakeUp.At("a", T0.AddSeconds(40))], await db.Store.DueAsync(T0.AddHours(1), 10, default));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task RemoveAsync_WakeUpMovedSinceItWasRead_KeepsTheNewOne(string database)
    {
        await using var db = await Open(database);
        var read = WakeUp.At("a", T0.AddSeconds(10));
        await db.Store.SetAsync(read, default);
        var moved = WakeUp.At("a", T0.AddSeconds(50));
        await db.Store.SetAsync(moved, default);

        // The answer to the old wake arrives after the task recorded a later one: the later one must stay.
        await db.Store.RemoveAsync(read, default);
        Assert.Equal([moved], await db.Store.DueAsync(T0.AddHours(1), 10, default));

        await db.Store.RemoveAsync(moved, default);
        Assert.Empty(await db.Store.DueAsync(T0.AddHours(1), 10, default));
    }

    [Fact]
    public void At_DueTimeBetweenMilliseconds_RoundsUpSoATaskIsNeverWokenEarly()
    {
        var due = T0.AddTicks(1);

        var wakeUp = WakeUp.At("a", due);

        Assert.True(wakeUp.Due >= due);
        Assert.Equal(T0.AddMilliseconds(1), wakeUp.Due);
        Assert.Equal(T0, WakeUp.At("a", T0).Due);
    }

    private static async Task<Opened> Open(string database)
    {
        if (database == "sqlite")
        {
            var sqlite = new TestDatabase();
            return new Opened(sqlite.Storage.CreateWakeUpStore(), () => sqlite.Dispose());
        }

        var postgres = await PostgresTestDatabase.CreateAsync();
        var storage = new PostgresStorage(postgres.ConnectionString);
        storage.Prepare();
        return new Opened(storage.CreateWakeUpStore(), () => postgres.DisposeAsync().AsTask().GetAwaiter().GetResult());
    }

    private sealed record Opened(IWakeUpStore Store, Action Close) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            Close();
            return ValueTask.CompletedTask;
        }
    }
}
