using Topo.Core.Capture;
using static Topo.Core.Tests.Capture.Frames;

namespace Topo.Core.Tests.Capture;

public sealed class DecoderTests
{
    [Fact]
    public void A_tcp_syn_over_ipv4_has_its_addresses_ports_and_flag()
    {
        var packet = EthernetDecoder.Decode(Ethernet(0x0800, Ipv4(6, "10.66.0.2", "10.66.0.1", Tcp(41234, 8080, 0x02))));

        Assert.Equal(new DecodedPacket(PacketFamily.Ipv4, "TCP", "10.66.0.2", "10.66.0.1") { SourcePort = 41234, DestinationPort = 8080, TcpFlags = "SYN" }, packet);
    }

    [Theory]
    [InlineData(0x12, "SYN,ACK")]
    [InlineData(0x10, "ACK")]
    [InlineData(0x11, "FIN,ACK")]
    [InlineData(0x14, "RST,ACK")]
    [InlineData(0x18, "PSH,ACK")]
    [InlineData(0x00, "none")]
    public void Tcp_flags_read_in_tcpdumps_order(byte flags, string shown) =>
        Assert.Equal(shown, EthernetDecoder.Decode(Ethernet(0x0800, Ipv4(6, "10.0.0.1", "10.0.0.2", Tcp(80, 5555, flags)))).TcpFlags);

    [Fact]
    public void Tcp_data_shows_its_length_and_ethernet_padding_is_not_counted()
    {
        var frame = Ethernet(0x0800, [.. Ipv4(6, "10.0.0.1", "10.0.0.2", Tcp(80, 5555, 0x18, [1, 2, 3])), 0, 0, 0, 0, 0, 0]);

        Assert.Equal("length 3", EthernetDecoder.Decode(frame).Detail);
    }

    [Fact]
    public void An_icmp_echo_request_has_its_id_and_sequence()
    {
        var packet = EthernetDecoder.Decode(Ethernet(0x0800, Ipv4(1, "10.66.0.2", "172.20.0.2", Icmp(8, 0, 4242, 1))));

        Assert.Equal(("ICMP", "10.66.0.2", "172.20.0.2", "echo request id 4242 seq 1"), (packet.Protocol, packet.Source, packet.Destination, packet.Icmp));
        Assert.Null(packet.SourcePort);
    }

    [Theory]
    [InlineData(0, 0, "echo reply id 7 seq 3")]
    [InlineData(3, 3, "port unreachable")]
    [InlineData(3, 1, "host unreachable")]
    [InlineData(11, 0, "time exceeded in transit")]
    public void Icmp_messages_are_named(byte type, byte code, string shown) =>
        Assert.Equal(shown, EthernetDecoder.Decode(Ethernet(0x0800, Ipv4(1, "10.0.0.1", "10.0.0.2", Icmp(type, code, 7, 3)))).Icmp);

    [Fact]
    public void A_udp_datagram_has_its_ports_and_length()
    {
        var packet = EthernetDecoder.Decode(Ethernet(0x0800, Ipv4(17, "10.0.0.1", "10.0.0.2", Udp(5353, 53, [9, 9, 9, 9]))));

        Assert.Equal(("UDP", 5353, 53, "length 4"), (packet.Protocol, packet.SourcePort, packet.DestinationPort, packet.Detail));
    }

    [Fact]
    public void An_arp_request_and_reply_read_as_tcpdump_words_them()
    {
        byte[] Arp(byte op, byte[] senderMac, string sender, string target) =>
            [0, 1, 8, 0, 6, 4, 0, op, .. senderMac, .. System.Net.IPAddress.Parse(sender).GetAddressBytes(), 0, 0, 0, 0, 0, 0, .. System.Net.IPAddress.Parse(target).GetAddressBytes()];

        var request = EthernetDecoder.Decode(Ethernet(0x0806, Arp(1, MacA, "10.66.0.2", "10.66.0.1")));
        var reply = EthernetDecoder.Decode(Ethernet(0x0806, Arp(2, MacB, "10.66.0.1", "10.66.0.2")));

        Assert.Equal((PacketFamily.Arp, "ARP", "who-has 10.66.0.1 tell 10.66.0.2"), (request.Family, request.Protocol, request.Detail));
        Assert.Equal("10.66.0.1 is-at 02:00:00:00:00:0b", reply.Detail);
    }

    [Fact]
    public void An_ipv6_tcp_syn_ack_has_its_addresses_and_ports()
    {
        var packet = EthernetDecoder.Decode(Ethernet(0x86dd, Ipv6(6, "fd00:20::2", "fd00:20::3", Tcp(80, 5555, 0x12))));

        Assert.Equal(new DecodedPacket(PacketFamily.Ipv6, "TCP", "fd00:20::2", "fd00:20::3") { SourcePort = 80, DestinationPort = 5555, TcpFlags = "SYN,ACK" }, packet);
    }

    [Fact]
    public void An_icmpv6_echo_and_an_mld_report_behind_a_hop_by_hop_header_are_named()
    {
        var echo = EthernetDecoder.Decode(Ethernet(0x86dd, Ipv6(58, "fd00::1", "fd00::2", Icmp(129, 0, 5, 1))));
        // Hop-by-hop: next header 58, length 0 (8 bytes), router alert (5, 2, 0, 0), PadN (1, 0).
        var mld = EthernetDecoder.Decode(Ethernet(0x86dd, Ipv6(0, "fe80::1", "ff02::16", [58, 0, 5, 2, 0, 0, 1, 0, .. Icmp(143, 0)])));

        Assert.Equal(("ICMPv6", "echo reply id 5 seq 1"), (echo.Protocol, echo.Icmp));
        Assert.Equal(("ICMPv6", "fe80::1", "ff02::16", "multicast listener report v2"), (mld.Protocol, mld.Source, mld.Destination, mld.Icmp));
    }

    [Fact]
    public void A_vlan_tag_is_stepped_over()
    {
        var packet = EthernetDecoder.Decode(Ethernet(0x0800, Ipv4(1, "10.0.0.1", "10.0.0.2", Icmp(8, 0, 1, 1)), vlan: [0x00, 0x0a]));

        Assert.Equal(("ICMP", "10.0.0.1"), (packet.Protocol, packet.Source));
    }

    [Fact]
    public void A_later_fragment_has_no_ports()
    {
        var packet = EthernetDecoder.Decode(Ethernet(0x0800, Ipv4(17, "10.0.0.1", "10.0.0.2", [1, 2, 3, 4, 5, 6, 7, 8], fragment: 0x0010)));

        Assert.Equal(("UDP", null, "fragment at offset 128"), (packet.Protocol, packet.SourcePort, packet.Detail));
    }

    [Fact]
    public void Other_ethertypes_and_short_frames_say_what_they_are()
    {
        var lldp = EthernetDecoder.Decode(Ethernet(0x88cc, [1, 2, 3]));
        var cut = EthernetDecoder.Decode([1, 2, 3]);
        var truncated = EthernetDecoder.Decode(Ethernet(0x0800, [0x45, 0, 0]));

        Assert.Equal(("ethertype 0x88cc", "02:00:00:00:00:0a", "02:00:00:00:00:0b"), (lldp.Protocol, lldp.Source, lldp.Destination));
        Assert.Equal(("short frame", "3 bytes"), (cut.Protocol, cut.Detail));
        Assert.Equal(("IPv4", "header cut short"), (truncated.Protocol, truncated.Detail));
    }

    [Theory]
    [InlineData("icmp", "ICMP", true)]
    [InlineData("icmp", "ICMPv6", true)]
    [InlineData("icmp", "TCP", false)]
    [InlineData("tcp", "TCP", true)]
    [InlineData("udp", "ARP", false)]
    public void The_protocol_filter_keeps_what_it_names(string proto, string protocol, bool kept) =>
        Assert.Equal(kept, new ProtocolFilter([proto]).Keeps(new DecodedPacket(PacketFamily.Ipv4, protocol, "a", "b")));

    [Fact]
    public void No_protocol_named_keeps_everything_and_several_keep_each() =>
        Assert.True(ProtocolFilter.All.Keeps(new DecodedPacket(PacketFamily.Arp, "ARP", "a", "b"))
            && new ProtocolFilter(["icmp", "tcp"]).Keeps(new DecodedPacket(PacketFamily.Ipv4, "TCP", "a", "b")));
}
