using System.Buffers.Binary;
using System.Text;

namespace Topo.Core.Capture;

/// <summary>
/// A pcapng capture (the format Wireshark and tcpdump read) of one interface, written as it goes: a Section Header
/// Block, one Interface Description Block (link type 1, Ethernet; <c>if_tsresol</c> 9, so timestamps are the kernel's
/// nanoseconds), then an Enhanced Packet Block per frame, each flushed at once so that a reader at the other end of a
/// pipe (<c>wireshark -k -i -</c>) sees it live and an interrupted capture keeps every frame it wrote.
/// Little-endian throughout; the byte-order magic tells readers so.
/// </summary>
public sealed class PcapngWriter
{
    private const uint SectionHeaderType = 0x0A0D0D0A;
    private const uint InterfaceDescriptionType = 1;
    private const uint EnhancedPacketType = 6;
    private const uint ByteOrderMagic = 0x1A2B3C4D;
    private const ushort LinkTypeEthernet = 1;
    private const ushort EndOfOptions = 0;
    private const ushort ShbUserApplication = 4;
    private const ushort IfName = 2;
    private const ushort IfTimestampResolution = 9;
    private const byte Nanoseconds = 9;

    private readonly Stream _output;

    /// <summary>Writes the file's head at once: a reader learns the interface before the first packet comes.</summary>
    public PcapngWriter(Stream output, string interfaceName, int snapLength)
    {
        _output = output;
        var section = new List<byte>();
        section.AddRange(U32(ByteOrderMagic));
        section.AddRange(U16(1));
        section.AddRange(U16(0));
        // Section length -1: not known while the capture runs.
        section.AddRange(U32(uint.MaxValue));
        section.AddRange(U32(uint.MaxValue));
        section.AddRange(Option(ShbUserApplication, "topo"u8));
        section.AddRange(U16(EndOfOptions));
        section.AddRange(U16(0));
        WriteBlock(SectionHeaderType, section);

        var description = new List<byte>();
        description.AddRange(U16(LinkTypeEthernet));
        description.AddRange(U16(0));
        description.AddRange(U32((uint)snapLength));
        description.AddRange(Option(IfName, Encoding.UTF8.GetBytes(interfaceName)));
        description.AddRange(Option(IfTimestampResolution, [Nanoseconds]));
        description.AddRange(U16(EndOfOptions));
        description.AddRange(U16(0));
        WriteBlock(InterfaceDescriptionType, description);
        _output.Flush();
    }

    public void Write(CapturedFrame frame)
    {
        var body = new List<byte>(20 + frame.Data.Length + 3);
        var time = (ulong)frame.UnixNanoseconds;
        body.AddRange(U32(0));
        body.AddRange(U32((uint)(time >> 32)));
        body.AddRange(U32((uint)time));
        body.AddRange(U32((uint)frame.Data.Length));
        body.AddRange(U32((uint)frame.OriginalLength));
        body.AddRange(frame.Data);
        Pad(body);
        WriteBlock(EnhancedPacketType, body);
        _output.Flush();
    }

    // Type, total length, body, total length again (so a reader can walk the file backwards).
    private void WriteBlock(uint type, List<byte> body)
    {
        var total = (uint)(12 + body.Count);
        var block = new List<byte>((int)total);
        block.AddRange(U32(type));
        block.AddRange(U32(total));
        block.AddRange(body);
        block.AddRange(U32(total));
        _output.Write([.. block]);
    }

    private static List<byte> Option(ushort code, ReadOnlySpan<byte> value)
    {
        var option = new List<byte>();
        option.AddRange(U16(code));
        option.AddRange(U16((ushort)value.Length));
        option.AddRange(value.ToArray());
        Pad(option);
        return option;
    }

    private static void Pad(List<byte> bytes)
    {
        while (bytes.Count % 4 != 0) bytes.Add(0);
    }

    private static byte[] U16(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }
}
