using System.Diagnostics;
using Akka.Configuration;
using OpenTelemetry;
using OpenTelemetry.Trace;
using PhaseFlow.Actors.Client;
using PhaseFlow.Actors.Observability;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Commands;
using Xunit;

namespace PhaseFlow.Tests.Actors.Client;

/// <summary>The .NET client stores the caller's trace context with a submitted task, through a span of its own when someone listens.</summary>
public sealed class PhaseFlowClientTracingTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly ActivitySource Caller = new("PhaseFlow.Tests.Caller");

    public PhaseFlowClientTracingTests()
        : base(ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.actor.provider = local"))
    {
    }

    [Fact]
    public async Task SubmitAsync_WithTracing_SendsItsSubmitSpanAsTheTasksTraceParent_AChildOfTheCallersSpan()
    {
        List<Activity> spans = [];
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(PhaseFlowTelemetry.SourceName, Caller.Name).AddInMemoryExporter(spans).Build()!;
        using var caller = Caller.StartActivity("caller")!;

        var sent = await SubmitThroughProbe(new SubmitTask("traced-1", "steps", "{}"));

        tracing.ForceFlush();
        var submit = Assert.Single(spans, s => s.GetTagItem(TaskTelemetryNames.TaskId) as string == "traced-1");
        Assert.Equal("submit steps", submit.DisplayName);
        Assert.Equal(ActivityKind.Producer, submit.Kind);
        Assert.Equal(caller.SpanId, submit.ParentSpanId);
        Assert.Equal($"00-{caller.TraceId}-{submit.SpanId}-01", sent.TraceParent);
    }

    [Fact]
    public async Task SubmitAsync_WithoutTracing_SendsTheCallersCurrentSpan()
    {
        using var ambient = new Activity("caller").SetIdFormat(ActivityIdFormat.W3C).Start();

        var sent = await SubmitThroughProbe(new SubmitTask("traced-2", "steps", "{}"));

        Assert.Equal(ambient.Id, sent.TraceParent);
    }

    [Fact]
    public async Task SubmitAsync_GivenATraceParent_KeepsIt_AndWithNeitherSendsNone()
    {
        const string Given = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        Activity.Current = null;

        var given = await SubmitThroughProbe(new SubmitTask("traced-3", "steps", "{}", Given));
        var none = await SubmitThroughProbe(new SubmitTask("traced-4", "steps", "{}"));

        Assert.Equal(Given, given.TraceParent);
        Assert.Null(none.TraceParent);
    }

    private async Task<SubmitTask> SubmitThroughProbe(SubmitTask command)
    {
        var region = CreateTestProbe();
        var client = new PhaseFlowClient(region.Ref, TimeSpan.FromSeconds(10));

        var submitting = client.SubmitAsync(command);
        var sent = await region.ExpectMsgAsync<SubmitTask>();
        region.Reply(new TaskSubmitted(command.TaskId, TaskLifecycleState.Running, Created: true));
        Assert.IsType<TaskSubmitted>(await submitting);
        return sent;
    }
}
