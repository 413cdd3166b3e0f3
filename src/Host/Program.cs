using Microsoft.Extensions.Hosting;
using PhaseFlow.Actors.Hosting;
using PhaseFlow.Host;
using PhaseFlow.Host.Tasks;

var builder = Host.CreateApplicationBuilder(args);
builder.Configuration.AddPhaseFlowCommandLine(args);
builder.Services
    .AddPhaseFlow()
    .AddTask<MkdirTask>();

await builder.Build().RunAsync();
