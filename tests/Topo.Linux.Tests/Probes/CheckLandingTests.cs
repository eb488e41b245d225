using System.Net.Sockets;
using Topo.Core;
using Topo.Core.Validation;
using Topo.Linux.Probes;

namespace Topo.Linux.Tests.Probes;

/// <summary>Where a TCP/UDP check's traffic lands by the file: the owner of the address, or the node behind a published port.</summary>
public sealed class CheckLandingTests
{
    private const string Lab = """
        version: 1
        lab: landing
        bridges: {br0: {subnet: 172.30.0.0/16}}
        nodes:
          web: {ports: ["8080:80/tcp", "10.50.0.1:5353:53/udp"]}
          cli: {}
        links:
          - [web:eth0, br0]
          - endpoints: [cli:eth0, host:cli0]
            addresses: {cli:eth0: 10.50.0.2/24, host:cli0: 10.50.0.1/24}
        checks:
          - {from: cli, to: "host:8080", proto: tcp, expect: reach}
          - {from: cli, to: "host:5353", proto: udp, expect: reach}
          - {from: cli, to: "host:8080", proto: udp, expect: reach}
          - {from: cli, to: "web:80", proto: tcp, expect: reach}
          - {from: web, to: "127.0.0.1:9000", proto: tcp, expect: reach}
          - {from: cli, to: "192.0.2.7:80", proto: tcp, expect: reach}
          - {from: cli, to: web, expect: reach}
          - {from: web, to: "172.30.0.1:8080", proto: tcp, expect: reach}
        """;

    private static readonly ValidatedLab Loaded = LabLoader.LoadText("landing.yaml", Lab).Lab!;

    [Theory]
    [InlineData(0, "web", 80, "tcp")]   // the published port, through the host's DNAT
    [InlineData(1, "web", 53, "udp")]   // published on one host IP, which is the one checked
    [InlineData(2, "", 8080, "udp")]    // the same port by the other protocol is the host's own
    [InlineData(3, "web", 80, "tcp")]   // the node's own address
    [InlineData(4, "web", 9000, "tcp")] // loopback stays in the sender
    [InlineData(7, "web", 80, "tcp")]   // any host address publishes the port when no host IP is given
    public void A_check_lands_where_the_file_sends_it(int index, string ns, int port, string protocol)
    {
        var landing = CheckLanding.Of(Loaded.Checks[index], Loaded.Desired);
        Assert.Equal(new Landing(ns, port, protocol, AddressFamily.InterNetwork), landing);
    }

    [Theory]
    [InlineData(5)] // an address outside the lab: nobody of ours to stand in
    [InlineData(6)] // ICMP has no port
    public void A_check_with_no_port_or_outside_the_lab_lands_nowhere_known(int index) =>
        Assert.Null(CheckLanding.Of(Loaded.Checks[index], Loaded.Desired));
}
