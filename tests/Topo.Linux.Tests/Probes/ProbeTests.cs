using System.Net;
using System.Net.Sockets;
using Topo.Linux.Probes;
using Topo.Testing.Kernel;

namespace Topo.Linux.Tests.Probes;

/// <summary>Each probe against real namespaces: what an answer, a refusal, a drop and a missing route look like.</summary>
public sealed class ProbeTests : IDisposable
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(400);
    private readonly PeerPair _pair = new();

    public void Dispose() => _pair.Dispose();

    [KernelFact]
    public async Task Icmp_echo_gets_the_reply_from_the_target()
    {
        var seen = await IcmpEcho.Probe(_pair.Host, IPAddress.Parse(PeerPair.PeerIp), TimeSpan.FromSeconds(2));
        Assert.Equal(Seen.Answer, seen.Seen);
        Assert.Equal("reply from 10.9.0.2", seen.Detail);
        Assert.True(seen.Elapsed < TimeSpan.FromSeconds(2));
    }

    [KernelFact]
    public async Task Icmp_echo_over_ipv6_gets_the_reply()
    {
        var seen = await IcmpEcho.Probe(_pair.Peer, IPAddress.Parse(PeerPair.HostIp6), TimeSpan.FromSeconds(2));
        Assert.Equal(Seen.Answer, seen.Seen);
        Assert.Equal("reply from fd09::1", seen.Detail);
    }

    [KernelFact]
    public async Task Icmp_echo_to_a_dropping_peer_sees_no_answer()
    {
        _pair.DropInPeer("meta l4proto icmp");
        var seen = await IcmpEcho.Probe(_pair.Host, IPAddress.Parse(PeerPair.PeerIp), Short);
        Assert.Equal(Seen.NoAnswer, seen.Seen);
        Assert.True(seen.Elapsed >= Short * 0.9, $"gave up after {seen.Elapsed}, before the timeout");
    }

    [KernelFact]
    public async Task Icmp_echo_without_a_route_is_unreachable_at_once()
    {
        var seen = await IcmpEcho.Probe(_pair.Peer, IPAddress.Parse("192.0.2.1"), TimeSpan.FromSeconds(5));
        Assert.Equal(Seen.Unreachable, seen.Seen);
        Assert.Equal("no route", seen.Detail);
        Assert.True(seen.Elapsed < TimeSpan.FromSeconds(5));
    }

    [KernelFact]
    public async Task Concurrent_echoes_in_one_namespace_each_match_their_own_reply()
    {
        // A raw socket hears every ICMP packet of the namespace: a probe must not take another's reply.
        var reach = IcmpEcho.Probe(_pair.Host, IPAddress.Parse(PeerPair.PeerIp), TimeSpan.FromSeconds(2));
        var self = IcmpEcho.Probe(_pair.Host, IPAddress.Parse(PeerPair.HostIp), TimeSpan.FromSeconds(2));
        var nobody = IcmpEcho.Probe(_pair.Host, IPAddress.Parse("10.9.0.77"), Short);
        var results = await Task.WhenAll(reach, self, nobody);
        Assert.Equal(["reply from 10.9.0.2", "reply from 10.9.0.1"], results[..2].Select(r => r.Detail));
        Assert.NotEqual(Seen.Answer, results[2].Seen);
    }

    [KernelFact]
    public async Task Tcp_to_a_listening_port_connects()
    {
        await using var greeter = new Greeter(_pair.Peer, "peer", 7000);
        var seen = await TransportProbe.Tcp(_pair.Host, IPAddress.Parse(PeerPair.PeerIp), 7000, TimeSpan.FromSeconds(2));
        Assert.Equal(Seen.Answer, seen.Seen);
        Assert.Equal("connected to 10.9.0.2:7000", seen.Detail);
    }

    [KernelFact]
    public async Task Tcp_to_a_closed_port_is_refused()
    {
        var seen = await TransportProbe.Tcp(_pair.Host, IPAddress.Parse(PeerPair.PeerIp), 7001, TimeSpan.FromSeconds(2));
        Assert.Equal(Seen.Refused, seen.Seen);
        Assert.Equal("refused (RST)", seen.Detail);
        Assert.False(seen.Reached);
    }

    [KernelFact]
    public async Task Tcp_to_a_filtered_port_sees_no_answer_even_with_a_listener()
    {
        await using var greeter = new Greeter(_pair.Peer, "peer", 7002);
        _pair.DropInPeer("tcp dport 7002");
        var seen = await TransportProbe.Tcp(_pair.Host, IPAddress.Parse(PeerPair.PeerIp), 7002, Short);
        Assert.Equal(Seen.NoAnswer, seen.Seen);
        Assert.True(seen.Elapsed >= Short * 0.9, $"gave up after {seen.Elapsed}, before the timeout");
    }

    [KernelFact]
    public async Task Udp_to_an_echoing_port_gets_the_reply()
    {
        await using var echo = TemporaryListener.Start(_pair.Peer, AddressFamily.InterNetwork, "udp", 7100);
        Assert.NotNull(echo);
        var seen = await TransportProbe.Udp(_pair.Host, IPAddress.Parse(PeerPair.PeerIp), 7100, TimeSpan.FromSeconds(2));
        Assert.Equal(Seen.Answer, seen.Seen);
        Assert.StartsWith("reply from 10.9.0.2:7100", seen.Detail);
    }

    [KernelFact]
    public async Task Udp_to_a_closed_port_is_refused_by_icmp_port_unreachable()
    {
        var seen = await TransportProbe.Udp(_pair.Host, IPAddress.Parse(PeerPair.PeerIp), 7101, TimeSpan.FromSeconds(2));
        Assert.Equal(Seen.Refused, seen.Seen);
        Assert.Equal("port unreachable (ICMP)", seen.Detail);
    }

    [KernelFact]
    public async Task Udp_to_a_filtered_port_sees_no_answer()
    {
        await using var echo = TemporaryListener.Start(_pair.Peer, AddressFamily.InterNetwork, "udp", 7102);
        _pair.DropInPeer("udp dport 7102");
        var seen = await TransportProbe.Udp(_pair.Host, IPAddress.Parse(PeerPair.PeerIp), 7102, Short);
        Assert.Equal(Seen.NoAnswer, seen.Seen);
    }

    [KernelFact]
    public async Task A_temporary_tcp_listener_answers_and_stands_aside_for_a_real_one()
    {
        await using (var standIn = TemporaryListener.Start(_pair.Peer, AddressFamily.InterNetwork, "tcp", 7200))
        {
            Assert.NotNull(standIn);
            Assert.Equal(Seen.Answer, (await TransportProbe.Tcp(_pair.Host, IPAddress.Parse(PeerPair.PeerIp), 7200, TimeSpan.FromSeconds(2))).Seen);
        }

        Assert.Equal(Seen.Refused, (await TransportProbe.Tcp(_pair.Host, IPAddress.Parse(PeerPair.PeerIp), 7200, TimeSpan.FromSeconds(2))).Seen);
        await using var real = new Greeter(_pair.Peer, "peer", 7201);
        Assert.Null(TemporaryListener.Start(_pair.Peer, AddressFamily.InterNetwork, "tcp", 7201));
    }
}
