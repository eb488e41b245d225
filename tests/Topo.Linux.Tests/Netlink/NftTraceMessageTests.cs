using System.Buffers.Binary;
using Topo.Core.State;
using Topo.Core.Trace;
using Topo.Linux.Netlink;
using Topo.Linux.Trace;

namespace Topo.Linux.Tests.Netlink;

/// <summary>NFT_MSG_TRACE as nf_tables writes it: big-endian numbers, the verdict nested.</summary>
public sealed class NftTraceMessageTests
{
    [Theory]
    [InlineData(0, "drop")]
    [InlineData(1, "accept")]
    [InlineData(-1, "continue")]
    [InlineData(-3, "jump")]
    [InlineData(0x00010000, "drop")] // NF_DROP_ERR carries an errno above the code
    public void Verdict_codes_read_as_nft_writes_them(int code, string word) => Assert.Equal(word, NftTraceMessage.Verdict(code));

    [Fact]
    public void A_rule_event_gives_table_chain_handle_verdict_and_interfaces()
    {
        var payload = new List<byte> { 2, 0, 0, 0 }; // nfgenmsg: NFPROTO_IPV4
        Attr(payload, 1, "topo-lab\0"u8.ToArray());
        Attr(payload, 2, "forward\0"u8.ToArray());
        Attr(payload, 3, Be64(7));
        Attr(payload, 4, Be32(3)); // NFT_TRACETYPE_RULE
        var verdict = new List<byte>();
        Attr(verdict, 1, Be32(0));
        Attr(payload, 5 | 0x8000, [.. verdict]);
        Attr(payload, 10, Be32(4));
        Attr(payload, 12, Be32(9));

        var e = NftTraceMessage.Parse(Netns.Host, new NetlinkMessage(NftTraceMessage.Type, 0, 0, payload.ToArray()));

        Assert.NotNull(e);
        Assert.Equal(("ip", "topo-lab", "forward", TraceEventType.Rule, 7L, "drop", 4, 9), (e.Family, e.Table, e.Chain, e.Type, e.Handle, e.Verdict, e.InIndex, e.OutIndex));
    }

    private static byte[] Be32(int v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, v);
        return b;
    }

    private static byte[] Be64(long v)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(b, v);
        return b;
    }

    private static void Attr(List<byte> into, int type, byte[] value)
    {
        var length = 4 + value.Length;
        into.AddRange([(byte)length, (byte)(length >> 8), (byte)type, (byte)(type >> 8)]);
        into.AddRange(value);
        while (into.Count % 4 != 0) into.Add(0);
    }
}
