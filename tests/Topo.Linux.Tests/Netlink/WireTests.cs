using System.Buffers.Binary;
using Topo.Linux.Netlink;
using Topo.Linux.Rtnl;
using Topo.Testing;
using Topo.Testing.Kernel;

namespace Topo.Linux.Tests.Netlink;

/// <summary>The wire format without a kernel: requests pinned as golden hex, replies captured from the kernel once and replayed.</summary>
public sealed class WireTests
{
    // Captured from kernel 6.18: the reply to "adding route 10.8.0.0/16 via 192.0.2.1" (sequence 5), capped, with ext-ack text.
    private const string BadGatewayReply = """
        440000000200000305000000e47b0000 9bffffff2c0000001800050605000000
        00000000200001004e657874686f7020 68617320696e76616c69642067617465
        77617900
        """;

    // Captured: an address dump (sequence 6) in two datagrams: four NLM_F_MULTI parts, then NLMSG_DONE.
    private const string AddressDumpPart = """
        4c0000001400020006000000e47b0000 020880fe01000000080001007f000001
        080002007f000001070003006c6f0000 080008008000000014000600ffffffff
        ffffffff366803003668030054000000 1400020006000000e47b000002188000
        02000000080001000a05000108000200 0a050001080004000a0500ff08000300
        62723000080008008000000014000600 ffffffffffffffff3968030039680300
        500000001400020006000000e47b0000 0a8080fe010000001400010000000000
        00000000000000000000000114000600 ffffffffffffffff3668030036680300
        080008008000000005000b0001000000 500000001400020006000000e47b0000
        0a40c0fd0200000014000100fe800000 00000000586f23fffe9f73e214000600
        ffffffffffffffff3968030039680300 08000800c000000005000b0003000000
        """;

    private const string AddressDumpDone = "140000000300020006000000e47b0000 00000000";

    [Fact]
    public void A_bridge_request_is_the_bytes_the_kernel_accepted()
    {
        var transport = new RecordingTransport();
        using var client = new RtnlClient(transport, "host");

        client.Apply(b => b.CreateBridge("br0", new LinkOptions(Up: true)));

        Assert.Equal(
            RecordingTransport.FromHex("38000000100005060100000000000000 00000000000000000100000001000000 0800030062723000100012800b000100 6272696467650000"),
            Assert.Single(transport.Sent));
    }

    [Fact]
    public void A_veth_pair_request_carries_the_peer_inside_linkinfo()
    {
        var transport = new RecordingTransport();
        using var client = new RtnlClient(transport, "host");

        client.Apply(b => b.CreateVeth(
            new VethEnd("web-eth0", null, new LinkOptions(Mtu: 1400, Mac: "02:00:00:00:00:01", Up: true)),
            new VethEnd("br-web", null, new LinkOptions(Mtu: 1400))));

        Golden.Match("newlink-veth", RecordingTransport.Hex(Assert.Single(transport.Sent)));
    }

    [Fact]
    public void An_IPv4_address_request_sets_local_address_and_broadcast_as_ip_does()
    {
        var transport = new RecordingTransport(LinkDumpWithBr0Else(RecordingTransport.AckEach));
        using var client = new RtnlClient(transport, "host");

        client.Apply(b => b.AddAddress("br0", "10.5.0.1/24"));

        var request = transport.Sent.Last();
        BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(8), 4); // the sequence the kernel saw when it was captured
        Assert.Equal(
            RecordingTransport.FromHex("30000000140005060400000000000000 0218000002000000080002000a050001 080001000a050001080004000a0500ff"),
            request);
    }

    [Fact]
    public void An_error_with_extended_ack_gives_the_errno_and_the_kernels_words()
    {
        foreach (var message in NetlinkMessage.Read(RecordingTransport.FromHex(BadGatewayReply)))
        {
            var error = NetlinkError.Parse(message);
            Assert.Equal(101, error.Errno);
            Assert.Equal("Nexthop has invalid gateway", error.Text);
        }
    }

    [Fact]
    public void The_first_failure_of_a_batch_is_reported_with_its_own_requests_context()
    {
        var transport = new RecordingTransport(datagram =>
        {
            var sequences = new List<uint>();
            foreach (var m in NetlinkMessage.Read(datagram)) sequences.Add(m.Sequence);
            return sequences.Select(s => s == sequences[1] ? WithSequence(BadGatewayReply, s) : RecordingTransport.Ack(s, 0));
        });
        using var client = new RtnlClient(transport, "web");

        var e = Assert.Throws<KernelException>(() => client.Apply(b => b
            .AddRoute(new RouteSpec("10.1.0.0/16", Via: "10.0.0.1"))
            .AddRoute(new RouteSpec("10.8.0.0/16", Via: "192.0.2.1"))
            .AddRoute(new RouteSpec("10.9.0.0/16", Via: "10.0.0.1"))));

        Assert.Single(transport.Sent);
        Assert.Equal("adding route 10.8.0.0/16 via 192.0.2.1 in namespace 'web': Nexthop has invalid gateway", e.Message);
        Assert.Equal(101, e.Errno);
    }

    [Fact]
    public void A_mark_kept_with_its_creation_goes_in_the_creations_datagram_even_where_the_batch_splits()
    {
        var transport = new RecordingTransport();
        using var client = new RtnlClient(transport, "host");

        // 63 requests, then the 64th (a datagram's most) makes a pair: its mark would open the next datagram.
        client.Apply(b =>
        {
            for (var i = 0; i < 63; i++) b.SetUp($"d{i}", true);
            b.CreateVeth(new VethEnd("va"), new VethEnd("vb")).WithPrevious().SetAlias("va", "topo:lab");
        });

        var (requests, creations) = Count(transport.Sent[0]);
        Assert.Equal(1, creations);
        Assert.Equal(65, requests);
    }

    private static (int Requests, int Creations) Count(byte[] datagram)
    {
        var (requests, creations) = (0, 0);
        foreach (var m in NetlinkMessage.Read(datagram))
        {
            requests++;
            if (m.Has(NetlinkProtocol.Create)) creations++;
        }

        return (requests, creations);
    }

    [Fact]
    public void A_link_dump_asks_the_kernel_to_leave_the_counters_out()
    {
        var transport = new RecordingTransport();
        using var client = new RtnlClient(transport, "host");

        client.StartLinks();

        // RTM_GETLINK, NLM_F_REQUEST|NLM_F_DUMP, an empty ifinfomsg, IFLA_EXT_MASK = RTEXT_FILTER_SKIP_STATS.
        Assert.Equal(
            RecordingTransport.FromHex("28000000120001030100000000000000 00000000000000000000000000000000 08001d0008000000"),
            Assert.Single(transport.Sent));
    }

    [Fact]
    public void A_multi_part_dump_is_read_to_its_end()
    {
        var transport = new RecordingTransport(request =>
        [
            WithSequence(AddressDumpPart, SequenceOf(request)),
            WithSequence(AddressDumpDone, SequenceOf(request)),
        ]);
        using var client = new RtnlClient(transport, "host");

        var addresses = client.Addresses();

        Assert.Equal(["127.0.0.1/8", "10.5.0.1/24", "::1/128", "fe80::586f:23ff:fe9f:73e2/64"], addresses.Select(a => a.Cidr));
        Assert.Equal([false, false, false, true], addresses.Select(a => a.IsLinkLocal));
    }

    [Fact]
    public void A_dump_interrupted_by_a_change_is_read_again()
    {
        var attempts = 0;
        var transport = new RecordingTransport(request =>
        {
            var part = WithSequence(AddressDumpPart, SequenceOf(request));
            if (attempts++ == 0) part[6] |= (byte)NetlinkProtocol.DumpInterrupted;
            return [part, WithSequence(AddressDumpDone, SequenceOf(request))];
        });
        using var client = new RtnlClient(transport, "host");

        var addresses = client.Addresses();

        Assert.Equal(2, transport.Sent.Count);
        Assert.NotEqual(SequenceOf(transport.Sent[0]), SequenceOf(transport.Sent[1]));
        Assert.Equal(4, addresses.Count);
    }

    [Fact]
    public void A_dump_interrupted_more_than_ten_times_is_read_again_until_the_table_settles()
    {
        const int Interruptions = 15;
        var attempts = 0;
        var transport = new RecordingTransport(request =>
        {
            var part = WithSequence(AddressDumpPart, SequenceOf(request));
            if (attempts++ < Interruptions) part[6] |= (byte)NetlinkProtocol.DumpInterrupted;
            return [part, WithSequence(AddressDumpDone, SequenceOf(request))];
        });
        using var client = new RtnlClient(transport, "host");

        var addresses = client.Addresses();

        Assert.Equal(Interruptions + 1, transport.Sent.Count);
        Assert.Equal(4, addresses.Count);
    }

    [Fact]
    public void Nested_attributes_are_written_with_their_lengths_and_read_back()
    {
        var writer = new NetlinkWriter();
        var start = writer.BeginMessage(RtnlTypes.NewLink, NetlinkProtocol.Request, 7);
        writer.Struct(new IfInfoMsg { Index = 3 });
        writer.String(Ifla.IfName, "abc");
        var nest = writer.BeginNested(Ifla.LinkInfo);
        writer.String(Ifla.InfoKind, "veth");
        writer.EndNested(nest);
        writer.EndMessage(start);

        Golden.Match("nested-attributes", RecordingTransport.Hex(writer.Written));
        foreach (var message in NetlinkMessage.Read(writer.Written))
        {
            Assert.Equal((uint)7, message.Sequence);
            var link = LinkInfo.Parse(message);
            Assert.Equal(("abc", "veth", 3), (link?.Name, link?.Kind, link?.Index));
        }
    }

    private static Func<byte[], IEnumerable<byte[]>> LinkDumpWithBr0Else(Func<byte[], IEnumerable<byte[]>> otherwise) => request =>
    {
        var type = BinaryPrimitives.ReadUInt16LittleEndian(request.AsSpan(4));
        if (type != RtnlTypes.GetLink) return otherwise(request);
        // A dump ends with DONE; a request for one link by name, as the kernel answers it, with an ack.
        var dump = (BinaryPrimitives.ReadUInt16LittleEndian(request.AsSpan(6)) & NetlinkProtocol.Dump) == NetlinkProtocol.Dump;
        var w = new NetlinkWriter();
        var m = w.BeginMessage(RtnlTypes.NewLink, dump ? NetlinkProtocol.Multi : (ushort)0, SequenceOf(request));
        w.Struct(new IfInfoMsg { Index = 2 });
        w.String(Ifla.IfName, "br0");
        w.EndMessage(m);
        if (!dump) return [w.Written.ToArray(), RecordingTransport.Ack(SequenceOf(request), 0)];
        var done = w.BeginMessage(NetlinkProtocol.Done, NetlinkProtocol.Multi, SequenceOf(request));
        w.Struct(0);
        w.EndMessage(done);
        return [w.Written.ToArray()];
    };

    private static uint SequenceOf(byte[] request) => BinaryPrimitives.ReadUInt32LittleEndian(request.AsSpan(8));

    // Replayed captures get the sequence number of the request they answer, in every message.
    private static byte[] WithSequence(string hex, uint sequence)
    {
        var bytes = RecordingTransport.FromHex(hex);
        var offset = 0;
        while (offset + 16 <= bytes.Length)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset + 8), sequence);
            offset += NetlinkProtocol.Align((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset)));
        }

        return bytes;
    }
}
