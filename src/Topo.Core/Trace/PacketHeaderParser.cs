using System.Buffers.Binary;
using System.Net;

namespace Topo.Core.Trace;

/// <summary>
/// Reads the network and transport headers a trace event carries (NFTA_TRACE_NETWORK_HEADER and
/// NFTA_TRACE_TRANSPORT_HEADER: the first 40 and 20 bytes the kernel copies out of the packet).
/// </summary>
public static class PacketHeaderParser
{
    public static PacketHeader? Parse(ReadOnlySpan<byte> network, ReadOnlySpan<byte> transport)
    {
        if (network.Length < 20) return null;
        var version = network[0] >> 4;
        IPAddress source, destination;
        int protocol;
        if (version == 4)
        {
            protocol = network[9];
            source = new IPAddress(network.Slice(12, 4));
            destination = new IPAddress(network.Slice(16, 4));
        }
        else if (version == 6 && network.Length >= 40)
        {
            protocol = network[6];
            source = new IPAddress(network.Slice(8, 16));
            destination = new IPAddress(network.Slice(24, 16));
        }
        else
        {
            return null;
        }

        var name = protocol switch { 1 => "icmp", 6 => "tcp", 17 => "udp", 58 => "icmpv6", _ => $"protocol {protocol}" };
        int? sport = null, dport = null;
        if (protocol is 6 or 17 && transport.Length >= 4)
        {
            sport = BinaryPrimitives.ReadUInt16BigEndian(transport);
            dport = BinaryPrimitives.ReadUInt16BigEndian(transport[2..]);
        }

        return new PacketHeader(source, destination, name, sport, dport);
    }
}
