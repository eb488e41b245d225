using System.Net;
using Topo.Core.Trace;

namespace Topo.Core.Tests.Trace;

public sealed class PacketHeaderParserTests
{
    [Fact]
    public void An_ipv4_tcp_header_gives_addresses_and_ports()
    {
        byte[] ip = [0x45, 0, 0, 60, 0, 0, 0x40, 0, 64, 6, 0, 0, 10, 200, 0, 2, 10, 200, 0, 1];
        byte[] tcp = [0xc3, 0x50, 0x1f, 0x90, 0, 0, 0, 0];

        var header = PacketHeaderParser.Parse(ip, tcp);

        Assert.Equal(new PacketHeader(IPAddress.Parse("10.200.0.2"), IPAddress.Parse("10.200.0.1"), "tcp", 50000, 8080), header);
        Assert.Equal("10.200.0.1:8080", header!.Endpoint(source: false));
    }

    [Fact]
    public void An_ipv6_icmp_header_has_no_ports_and_brackets_are_for_ports_only()
    {
        var ip = new byte[40];
        ip[0] = 0x60;
        ip[6] = 58;
        IPAddress.Parse("fd00:20::2").GetAddressBytes().CopyTo(ip, 8);
        IPAddress.Parse("fd00:20::3").GetAddressBytes().CopyTo(ip, 24);

        var header = PacketHeaderParser.Parse(ip, []);

        Assert.Equal("icmpv6", header!.Protocol);
        Assert.Null(header.SourcePort);
        Assert.Equal("fd00:20::3", header.Endpoint(source: false));
    }

    [Fact]
    public void Too_short_a_header_is_no_header()
    {
        Assert.Null(PacketHeaderParser.Parse([0x45, 0, 0], []));
        Assert.Null(PacketHeaderParser.Parse(new byte[20], []));
    }
}
