using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Topo.Linux.Netlink;

/// <summary>
/// Builds one or more netlink messages into a single reusable buffer, so that a batch of
/// requests leaves in one send. Attributes are written in place: no allocation per attribute.
/// Lengths are patched when a message or a nest ends.
/// </summary>
public sealed class NetlinkWriter
{
    private byte[] _buffer;

    public NetlinkWriter(int capacity = 4096) => _buffer = new byte[capacity];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    /// <summary>Starts a message; returns its offset for <see cref="EndMessage"/>.</summary>
    public int BeginMessage(ushort type, ushort flags, uint sequence)
    {
        var start = Length;
        var header = Reserve(NetlinkProtocol.HeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], type);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], flags);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0);
        return start;
    }

    public void EndMessage(int start) => PatchLength32(start);

    /// <summary>The family's fixed header (ifinfomsg, ifaddrmsg, rtmsg), padded to 4 bytes.</summary>
    public void Struct<T>(in T value) where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value));
        bytes.CopyTo(Reserve(NetlinkProtocol.Align(bytes.Length)));
    }

    public void Attribute(ushort type, ReadOnlySpan<byte> value) => value.CopyTo(AttributeSpan(type, value.Length));

    public void U8(ushort type, byte value) => AttributeSpan(type, 1)[0] = value;

    public void U32(ushort type, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(AttributeSpan(type, 4), value);

    /// <summary>A NUL-terminated UTF-8 string, as the kernel's NLA_NUL_STRING and NLA_STRING policies both accept.</summary>
    public void String(ushort type, string value)
    {
        var span = AttributeSpan(type, Encoding.UTF8.GetByteCount(value) + 1);
        var written = Encoding.UTF8.GetBytes(value, span);
        span[written] = 0;
    }

    /// <summary>Starts a nested attribute; returns its offset for <see cref="EndNested"/>.</summary>
    public int BeginNested(ushort type)
    {
        var start = Length;
        AttributeSpan((ushort)(type | NetlinkProtocol.NestedFlag), 0);
        return start;
    }

    /// <summary>Starts an attribute whose payload the caller writes next (VETH_INFO_PEER: an ifinfomsg then attributes) without the nested flag.</summary>
    public int BeginContainer(ushort type)
    {
        var start = Length;
        AttributeSpan(type, 0);
        return start;
    }

    public void EndNested(int start)
    {
        var length = Length - start;
        if (length > ushort.MaxValue) throw new InvalidOperationException("netlink attribute longer than 64 KiB");
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(start), (ushort)length);
    }

    private Span<byte> AttributeSpan(ushort type, int valueLength)
    {
        var total = NetlinkProtocol.AttributeHeaderSize + valueLength;
        var span = Reserve(NetlinkProtocol.Align(total));
        BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)total);
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], type);
        return span.Slice(NetlinkProtocol.AttributeHeaderSize, valueLength);
    }

    private void PatchLength32(int start) =>
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(start), (uint)(Length - start));

    private Span<byte> Reserve(int size)
    {
        if (Length + size > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + size));
        var span = _buffer.AsSpan(Length, size);
        span.Clear();
        Length += size;
        return span;
    }
}
