using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using PhaseFlow.Actors.ReadModel;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Actors.ReadModel;

/// <summary>The relay carries a task actor's notice from the node's event stream, through the cluster topic, to the node's open streams.</summary>
public sealed class TaskChangeRelayTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(
    ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp.hostname = 127.0.0.1
        akka.remote.dot-netty.tcp.port = 0
        """),
    output: output)
{
    [Fact]
    public async Task Relay_NoticeOnTheEventStream_WakesTheStreamsOfThatTaskOnly()
    {
        Cluster.Get(Sys).Join(Cluster.Get(Sys).SelfAddress);
        var notices = new TaskChangeNotices();
        Sys.ActorOf(TaskChangeRelay.Props(notices), TaskChangeRelay.Name);
        using var watched = notices.Watch("t-1");
        using var other = notices.Watch("t-2");
        var woken = watched.WaitAsync(0, CancellationToken.None);
        var otherWoken = other.WaitAsync(0, CancellationToken.None);

        // Published the way a task actor does; repeated because the relay's topic subscription takes a moment.
        await AwaitAssertAsync(
            () =>
            {
                Sys.EventStream.Publish(new TaskEventsStored("t-1", 3));
                Assert.True(woken.IsCompletedSuccessfully);
            },
            TimeSpan.FromSeconds(20),
            TimeSpan.FromMilliseconds(100));

        Assert.False(otherWoken.IsCompleted);
    }
}
