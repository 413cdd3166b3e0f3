using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PhaseFlow.Actors.Client;
using PhaseFlow.Actors.Hosting;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Contracts.Queries;
using Xunit;

namespace PhaseFlowTasks.Tests;

/// <summary>Runs <see cref="GreetTask"/> in a real PhaseFlow node inside the test process.</summary>
public sealed class GreetTaskTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("greet-").FullName;
    private IHost _node = null!;

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddPhaseFlow(o =>
            {
                o.SqlitePath = Path.Combine(_folder, "journal.db");
                o.AkkaPort = 0;
            })
            .AddTask<GreetTask>();
        _node = builder.Build();
        await _node.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _node.StopAsync();
        _node.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Greet_RunsBothPhases()
    {
        var path = Path.Combine(_folder, "greeting.txt");
        var copy = Path.Combine(_folder, "copy.txt");

        var status = await RunAsync("greet-1", new GreetInput(path, "world", copy));

        Assert.Equal(TaskLifecycleState.Succeeded, status.State);
        Assert.Equal("hello world", await File.ReadAllTextAsync(copy));
    }

    [Fact]
    public async Task Greet_CopyFails_TheRevertRemovesTheGreeting()
    {
        var path = Path.Combine(_folder, "greeting.txt");
        var copy = Path.Combine(_folder, "no-such-folder", "copy.txt");

        var status = await RunAsync("greet-2", new GreetInput(path, "world", copy));

        Assert.Equal(TaskLifecycleState.Reverted, status.State);
        Assert.False(File.Exists(path), "the undo of the write phase did not run");
    }

    private async Task<TaskStatusView> RunAsync(string id, GreetInput input)
    {
        var client = _node.Services.GetRequiredService<IPhaseFlowClient>();
        var json = JsonSerializer.Serialize(input, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        await client.SubmitAsync(new SubmitTask(id, "greet", json));
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var status = await client.GetStatusAsync(id, patience.Token);
            if (status is not null && status.State.IsSettled())
            {
                return status;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), patience.Token);
        }
    }
}
