using System.Buffers.Binary;

namespace Topo.Linux.Netlink;

/// <summary>One message of a received datagram: its header fields and the payload after the header.</summary>
public readonly ref struct NetlinkMessage(ushort type, ushort flags, uint sequence, ReadOnlySpan<byte> payload)
{
    public ushort Type { get; } = type;

    public ushort Flags { get; } = flags;

    public uint Sequence { get; } = sequence;

    public ReadOnlySpan<byte> Payload { get; } = payload;

    public bool Has(ushort flag) => (Flags & flag) == flag;

    /// <summary>The attributes after the family's fixed header of <paramref name="fixedHeaderSize"/> bytes.</summary>
    public AttributeReader Attributes(int fixedHeaderSize) =>
        new(Payload.Length >= NetlinkProtocol.Align(fixedHeaderSize) ? Payload[NetlinkProtocol.Align(fixedHeaderSize)..] : []);

    /// <summary>The messages packed in one datagram, each starting at a 4-byte boundary.</summary>
    public static MessageReader Read(ReadOnlySpan<byte> datagram) => new(datagram);

    internal static NetlinkMessage Parse(ReadOnlySpan<byte> data, out int consumed)
    {
        if (data.Length < NetlinkProtocol.HeaderSize) throw Malformed("a truncated message header");
        var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (length < NetlinkProtocol.HeaderSize || length > data.Length) throw Malformed($"a message length of {length} in {data.Length} bytes");
        consumed = Math.Min(NetlinkProtocol.Align(length), data.Length);
        return new NetlinkMessage(
            BinaryPrimitives.ReadUInt16LittleEndian(data[4..]),
            BinaryPrimitives.ReadUInt16LittleEndian(data[6..]),
            BinaryPrimitives.ReadUInt32LittleEndian(data[8..]),
            data[NetlinkProtocol.HeaderSize..length]);
    }

    internal static KernelException Malformed(string what) => new($"reading a netlink reply: {what}", 0, "malformed message");
}

/// <summary>Iterates the messages of one datagram (<c>foreach (var m in NetlinkMessage.Read(bytes))</c>).</summary>
public ref struct MessageReader(ReadOnlySpan<byte> data)
{
    private ReadOnlySpan<byte> _rest = data;

    public NetlinkMessage Current { get; private set; }

    public readonly MessageReader GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_rest.Length < NetlinkProtocol.HeaderSize) return false;
        Current = NetlinkMessage.Parse(_rest, out var consumed);
        _rest = _rest[consumed..];
        return true;
    }
}
