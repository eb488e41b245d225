using System.Buffers.Binary;
using System.Text;

namespace Topo.Testing.Kernel;

/// <summary>One attribute of a decoded request: its type (without NLA_F_NESTED), its value, and the attributes inside when it nests.</summary>
public sealed record NetlinkNode(ushort Type, byte[] Value, IReadOnlyList<NetlinkNode>? Children);

/// <summary>
/// One netlink request decoded for comparison: header, the family's fixed header and the attribute tree, read here
/// with no help from topo's own parser. Sequence number and port id are kept only to be ignored.
/// </summary>
public sealed record NetlinkRequest(ushort Type, ushort Flags, uint Sequence, uint PortId, byte[] FixedHeader, IReadOnlyList<NetlinkNode> Attributes)
{
    private const ushort NestedFlag = 0x8000;
    private const ushort ByteOrderFlag = 0x4000;

    /// <summary>The messages packed in one datagram, each as its own bytes.</summary>
    public static List<byte[]> Split(byte[] datagram)
    {
        var messages = new List<byte[]>();
        for (var offset = 0; offset + 16 <= datagram.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(datagram.AsSpan(offset));
            if (length < 16 || offset + length > datagram.Length) throw new FormatException($"a message of {length} bytes at {offset} of a {datagram.Length}-byte datagram");
            messages.Add(datagram[offset..(offset + length)]);
            offset += Align(length);
        }

        return messages;
    }

    public static ushort TypeOf(byte[] message) => BinaryPrimitives.ReadUInt16LittleEndian(message.AsSpan(4));

    public static NetlinkRequest Decode(byte[] message, RequestSchema schema)
    {
        var span = message.AsSpan();
        var fixedEnd = Math.Min(16 + Align(schema.FixedHeaderSize), message.Length);
        return new NetlinkRequest(
            BinaryPrimitives.ReadUInt16LittleEndian(span[4..]),
            BinaryPrimitives.ReadUInt16LittleEndian(span[6..]),
            BinaryPrimitives.ReadUInt32LittleEndian(span[8..]),
            BinaryPrimitives.ReadUInt32LittleEndian(span[12..]),
            message[16..Math.Min(16 + schema.FixedHeaderSize, message.Length)],
            Decode(message[fixedEnd..], schema.Attributes));
    }

    /// <summary>The tree as indented lines, each attribute by name and number, for a failure message.</summary>
    public string Render(RequestSchema schema)
    {
        var text = new StringBuilder($"{schema.Name}({Type}) flags 0x{Flags:x4}, header {Convert.ToHexStringLower(FixedHeader)}\n");
        Render(text, Attributes, schema.Attributes, "  ");
        return text.ToString();
    }

    public static string Show(NetlinkNode node, AttributeSpec spec) => spec.Shape switch
    {
        AttributeShape.String => $"\"{TextOf(node.Value)}\"",
        AttributeShape.Local => $"{Convert.ToHexStringLower(node.Value)} (local to its process)",
        _ => Convert.ToHexStringLower(node.Value),
    };

    public static string TextOf(byte[] value)
    {
        var end = Array.IndexOf(value, (byte)0);
        return Encoding.UTF8.GetString(value, 0, end < 0 ? value.Length : end);
    }

    private static void Render(StringBuilder text, IReadOnlyList<NetlinkNode> nodes, AttributeSet set, string indent)
    {
        foreach (var node in nodes)
        {
            var spec = set.Spec(node.Type);
            if (node.Children is { } children)
            {
                text.Append($"{indent}{set.Label(node.Type)}\n");
                Render(text, children, spec.Children ?? AttributeSet.Unknown, indent + "  ");
            }
            else
            {
                text.Append($"{indent}{set.Label(node.Type)} {Show(node, spec)}\n");
            }
        }
    }

    private static List<NetlinkNode> Decode(byte[] data, AttributeSet set)
    {
        var nodes = new List<NetlinkNode>();
        for (var offset = 0; offset + 4 <= data.Length;)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(offset));
            var type = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(offset + 2)) & ~(NestedFlag | ByteOrderFlag));
            if (length < 4 || offset + length > data.Length) throw new FormatException($"an attribute of {length} bytes at {offset} of {data.Length}");
            var value = data[(offset + 4)..(offset + length)];
            var spec = set.Spec(type);
            nodes.Add(new NetlinkNode(type, value, spec.Shape == AttributeShape.Nested ? Nest(value, spec) : null));
            offset += Align(length);
        }

        return nodes;
    }

    private static List<NetlinkNode> Nest(byte[] value, AttributeSpec spec)
    {
        var children = spec.Children ?? AttributeSet.Unknown;
        if (spec.Leading == 0) return Decode(value, children);
        var leading = Math.Min(spec.Leading, value.Length);
        return [new NetlinkNode(AttributeSet.LeadingStruct, value[..leading], null), .. Decode(value[Math.Min(Align(leading), value.Length)..], children)];
    }

    private static int Align(int length) => (length + 3) & ~3;
}
