using Topo.Core.Capture;
using static Topo.Core.Tests.Capture.Frames;

namespace Topo.Core.Tests.Capture;

public sealed class PacketLineTests
{
    // 2023-11-14 22:13:20.123456789 UTC
    private const long When = 1_700_000_000_123_456_789;

    [Fact]
    public void A_line_has_time_to_the_nanosecond_interface_direction_endpoints_protocol_and_flags()
    {
        var data = Ethernet(0x0800, Ipv4(6, "10.66.0.2", "10.66.0.1", Tcp(41234, 8080, 0x02)));
        var frame = new CapturedFrame(When, Outgoing: true, data, data.Length);

        var line = PacketLine.Render(frame, EthernetDecoder.Decode(data), "cli:eth0", TimeZoneInfo.Utc);

        Assert.Equal("22:13:20.123456789 cli:eth0 out 10.66.0.2:41234 -> 10.66.0.1:8080 TCP [SYN]", line);
    }

    [Fact]
    public void Icmp_and_arp_lines_say_the_message_and_ipv6_ports_are_bracketed()
    {
        var ping = Ethernet(0x0800, Ipv4(1, "10.66.0.2", "172.20.0.2", Icmp(8, 0, 4242, 1)));
        var tcp6 = Ethernet(0x86dd, Ipv6(6, "fd00::1", "fd00::2", Tcp(80, 5555, 0x10)));

        Assert.Equal("22:13:20.123456789 web:eth0 in 10.66.0.2 -> 172.20.0.2 ICMP echo request id 4242 seq 1",
            PacketLine.Render(new CapturedFrame(When, false, ping, ping.Length), EthernetDecoder.Decode(ping), "web:eth0", TimeZoneInfo.Utc));
        Assert.Equal("22:13:20.123456789 web:eth0 in [fd00::1]:80 -> [fd00::2]:5555 TCP [ACK]",
            PacketLine.Render(new CapturedFrame(When, false, tcp6, tcp6.Length), EthernetDecoder.Decode(tcp6), "web:eth0", TimeZoneInfo.Utc));
    }
}
