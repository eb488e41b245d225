using System.Buffers.Binary;
using System.Text;

namespace Topo.Linux.Netlink;

/// <summary>One attribute: its type (without the nested and byte-order flags) and its value.</summary>
public readonly ref struct NetlinkAttribute(ushort type, ReadOnlySpan<byte> value)
{
    public ushort Type { get; } = type;

    public ReadOnlySpan<byte> Value { get; } = value;

    public byte U8() => Value.Length >= 1 ? Value[0] : throw Short(1);

    public uint U32() => Value.Length >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(Value) : throw Short(4);

    public int I32() => Value.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(Value) : throw Short(4);

    /// <summary>The text up to the first NUL (the kernel terminates its strings; a few are not).</summary>
    public string String()
    {
        var end = Value.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? Value : Value[..end]);
    }

    public AttributeReader Nested() => new(Value);

    private KernelException Short(int wanted) =>
        NetlinkMessage.Malformed($"attribute {Type} has {Value.Length} bytes, wanted {wanted}");
}

/// <summary>Iterates attributes packed at 4-byte boundaries (<c>foreach (var a in message.Attributes(16))</c>).</summary>
public ref struct AttributeReader(ReadOnlySpan<byte> data)
{
    private ReadOnlySpan<byte> _rest = data;

    public NetlinkAttribute Current { get; private set; }

    public readonly AttributeReader GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_rest.Length < NetlinkProtocol.AttributeHeaderSize) return false;
        var length = BinaryPrimitives.ReadUInt16LittleEndian(_rest);
        var type = BinaryPrimitives.ReadUInt16LittleEndian(_rest[2..]);
        if (length < NetlinkProtocol.AttributeHeaderSize || length > _rest.Length)
            throw NetlinkMessage.Malformed($"an attribute length of {length} in {_rest.Length} bytes");
        Current = new NetlinkAttribute(
            (ushort)(type & ~(NetlinkProtocol.NestedFlag | NetlinkProtocol.NetByteOrderFlag)),
            _rest[NetlinkProtocol.AttributeHeaderSize..length]);
        _rest = _rest[Math.Min(NetlinkProtocol.Align(length), _rest.Length)..];
        return true;
    }
}
