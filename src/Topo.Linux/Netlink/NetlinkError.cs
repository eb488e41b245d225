using System.Buffers.Binary;

namespace Topo.Linux.Netlink;

/// <summary>
/// The content of an NLMSG_ERROR: errno 0 is the acknowledgement of a request; otherwise the
/// (positive) errno and, with NETLINK_EXT_ACK, the kernel's own words.
/// </summary>
public readonly record struct NetlinkError(int Errno, string? Text)
{
    public bool IsAck => Errno == 0;

    public static NetlinkError Parse(NetlinkMessage message)
    {
        var payload = message.Payload;
        if (payload.Length < 4) throw NetlinkMessage.Malformed("an error message without its errno");
        var errno = -BinaryPrimitives.ReadInt32LittleEndian(payload);
        if (!message.Has(NetlinkProtocol.AckTlvs)) return new NetlinkError(errno, null);

        // After the errno comes the request's header, and its payload too unless the kernel capped it.
        var echoed = NetlinkProtocol.HeaderSize;
        if (!message.Has(NetlinkProtocol.Capped) && payload.Length >= 4 + NetlinkProtocol.HeaderSize)
            echoed = (int)BinaryPrimitives.ReadUInt32LittleEndian(payload[4..]);
        return WithText(errno, payload, 4 + NetlinkProtocol.Align(echoed));
    }

    /// <summary>The status at the end of a dump (NLMSG_DONE): the errno, then extended-ack attributes straight after it.</summary>
    public static NetlinkError ParseDone(NetlinkMessage message)
    {
        var payload = message.Payload;
        if (payload.Length < 4) return new NetlinkError(0, null);
        var errno = -BinaryPrimitives.ReadInt32LittleEndian(payload);
        return message.Has(NetlinkProtocol.AckTlvs) ? WithText(errno, payload, 4) : new NetlinkError(errno, null);
    }

    private static NetlinkError WithText(int errno, ReadOnlySpan<byte> payload, int tlvStart)
    {
        if (tlvStart > payload.Length) return new NetlinkError(errno, null);
        foreach (var attribute in new AttributeReader(payload[tlvStart..]))
        {
            if (attribute.Type == NetlinkProtocol.ErrorAttributeMessage) return new NetlinkError(errno, attribute.String().TrimEnd('\n'));
        }

        return new NetlinkError(errno, null);
    }
}
