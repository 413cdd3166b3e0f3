using PhaseFlow.Actors.ReadModel;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Actors.ReadModel;

/// <summary>The task list rules (<see cref="TaskListStoreTests"/>) on SQLite, and what only SQLite has.</summary>
public sealed class SqliteTaskListStoreTests : TaskListStoreTests, IDisposable
{
    private readonly TestDatabase _database = new();

    public override Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_position_with_a_transaction_id_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Store.ApplyAsync([], new JournalPosition(7, 1), CancellationToken.None));

        Assert.Contains("names a transaction", error.Message, StringComparison.Ordinal);
        Assert.Equal(JournalPosition.Start, await Store.ReadPositionAsync(CancellationToken.None));
    }

    protected override Task<ITaskListStore> CreateStoreAsync() => Task.FromResult<ITaskListStore>(new SqliteTaskListStore(_database.Storage.ConnectionString));
}
