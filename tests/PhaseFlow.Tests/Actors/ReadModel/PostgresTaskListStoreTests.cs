using PhaseFlow.Actors.Persistence;
using PhaseFlow.Actors.ReadModel;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Actors.ReadModel;

/// <summary>The task list rules (<see cref="TaskListStoreTests"/>) on PostgreSQL, and its positions with transaction ids.</summary>
public sealed class PostgresTaskListStoreTests : TaskListStoreTests
{
    private PostgresTestDatabase? _database;

    public override async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_position_keeps_its_transaction_id_and_never_goes_back()
    {
        await Store.ApplyAsync([], new JournalPosition(900, 12), CancellationToken.None);
        await Store.ApplyAsync([], new JournalPosition(899, 40), CancellationToken.None);

        Assert.Equal(new JournalPosition(900, 12), await Store.ReadPositionAsync(CancellationToken.None));
    }

    protected override async Task<ITaskListStore> CreateStoreAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        var storage = new PostgresStorage(_database.ConnectionString);
        storage.Prepare();
        return storage.CreateTaskListStore();
    }
}
