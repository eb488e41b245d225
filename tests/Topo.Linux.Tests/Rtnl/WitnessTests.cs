using Topo.Linux.Netlink;
using Topo.Linux.Rtnl;
using Topo.Testing.Kernel;
using Xunit.Sdk;

namespace Topo.Linux.Tests.Rtnl;

/// <summary>The wire witness itself: it reads strace's dump right, and a request that differs from ip's fails, by name.</summary>
public sealed class WitnessTests
{
    // Written by strace 6.1 -f -o for `ip link add d0 type dummy` (pid first, the decoded call cut short here).
    private const string DummyTrace = """
        14521 sendmsg(3, {msg_name={sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, msg_namelen=12, ...}, 0) = 56
         * 56 bytes in buffer 0
         | 00000  38 00 00 00 10 00 05 06  8a 72 11 6b 00 00 00 00  8........r.k.... |
         | 00010  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  ................ |
         | 00020  07 00 03 00 64 30 00 00  10 00 12 00 09 00 01 00  ....d0.......... |
         | 00030  64 75 6d 6d 79 00 00 00                           dummy...         |
        """;

    private static readonly RequestSchema Dummy = LinkRequestSchema.NewLinkOf("dummy");

    [Fact]
    public void A_strace_dump_is_read_into_the_datagram_the_call_sent()
    {
        var datagram = Assert.Single(StraceHexdump.Datagrams(DummyTrace));

        Assert.Equal(Convert.FromHexString("38000000100005068a72116b00000000" + "00000000000000000000000000000000" + "0700030064300000100012000900010064756d6d79000000"), datagram);
    }

    [Fact]
    public void A_dump_shorter_than_its_buffer_is_refused()
    {
        var cut = string.Join('\n', DummyTrace.Split('\n')[..^1]);

        Assert.Throws<FormatException>(() => StraceHexdump.Datagrams(cut));
    }

    [Fact]
    public void Sequence_port_order_a_kinds_trailing_nul_and_namespace_fds_are_not_differences()
    {
        var ip = Decode(StraceHexdump.Datagrams(DummyTrace)[0]);
        var topo = Decode(Request(w =>
        {
            w.U32(Ifla.NetNsFd, 9);
            var info = w.BeginNested(Ifla.LinkInfo);
            w.String(Ifla.InfoKind, "dummy");
            w.EndNested(info);
            w.String(Ifla.IfName, "d0");
        }, sequence: 3));
        var ipWithFd = Decode(Request(w =>
        {
            w.U32(Ifla.NetNsFd, 4);
            w.String(Ifla.IfName, "d0");
            var info = w.BeginNested(Ifla.LinkInfo);
            w.Attribute(Ifla.InfoKind, "dummy"u8);
            w.EndNested(info);
        }, sequence: 7));

        Assert.Equal(["IFLA_NET_NS_FD(28): only topo sends it (09000000 (local to its process))"], RequestDiff.Between(topo, ip, Dummy));
        Assert.Empty(RequestDiff.Between(topo, ipWithFd, Dummy));
    }

    [Fact]
    public void A_differing_nested_value_and_an_attribute_only_one_side_sends_are_named_by_path()
    {
        var schema = LinkRequestSchema.NewLinkOf("vlan");
        var topo = NetlinkRequest.Decode(Request(w => Vlan(w, 10, withProtocol: true), sequence: 3), schema);
        var ip = NetlinkRequest.Decode(Request(w => Vlan(w, 11, withProtocol: false), sequence: 3), schema);

        Assert.Equal(
            ["IFLA_LINKINFO(18)/IFLA_INFO_DATA(2)/IFLA_VLAN_ID(1): topo 0a00, ip 0b00", "IFLA_LINKINFO(18)/IFLA_INFO_DATA(2)/IFLA_VLAN_PROTOCOL(5): only topo sends it (8100)"],
            RequestDiff.Between(topo, ip, schema));
    }

    [KernelFact]
    public void Topos_request_against_another_command_fails_with_the_difference()
    {
        using var sandbox = new KernelSandbox();
        sandbox.Witness("ip", "link", "add", "v0", "type", "veth", "peer", "name", "v1");

        var topo = TopoRequests.Capture(sandbox.Host, b => b.CreateVlan("v0.10", "v0", null, new VlanInfo(10)));
        var ip = StraceWitness.Run(sandbox, "ip", "link", "add", "link", "v0", "name", "v0.10", "type", "vlan", "id", "11");

        var e = Assert.Throws<XunitException>(() => WireAssert.SameRequest(LinkRequestSchema.NewLinkOf("vlan"), topo.Messages, ip));
        Assert.Contains("IFLA_LINKINFO(18)/IFLA_INFO_DATA(2)/IFLA_VLAN_ID(1): topo 0a00, ip 0b00", e.Message, StringComparison.Ordinal);
        Assert.Contains("IFLA_VLAN_PROTOCOL(5): only topo sends it (8100)", e.Message, StringComparison.Ordinal);
    }

    [KernelFact]
    public void The_probe_finds_the_kinds_this_kernel_makes()
    {
        Assert.Equal([null, null, null], new[] { "veth", "bridge", "macvlan" }.Select(LinkKindProbe.Missing));
    }

    private static NetlinkRequest Decode(byte[] message) => NetlinkRequest.Decode(message, Dummy);

    private static void Vlan(NetlinkWriter w, ushort id, bool withProtocol)
    {
        w.String(Ifla.IfName, "v0.10");
        var info = w.BeginNested(Ifla.LinkInfo);
        w.String(Ifla.InfoKind, "vlan");
        var data = w.BeginNested(Ifla.InfoData);
        if (withProtocol) w.Attribute(Ifla.VlanProtocol, [0x81, 0x00]);
        w.Attribute(Ifla.VlanId, BitConverter.GetBytes(id));
        w.EndNested(data);
        w.EndNested(info);
    }

    // An RTM_NEWLINK with create flags as both senders set them, under another sequence number and port id than strace saw.
    private static byte[] Request(Action<NetlinkWriter> attributes, uint sequence)
    {
        var w = new NetlinkWriter();
        var start = w.BeginMessage(RtnlTypes.NewLink, NetlinkProtocol.Request | NetlinkProtocol.Ack | NetlinkProtocol.Create | NetlinkProtocol.Exclusive, sequence);
        w.Struct(new IfInfoMsg());
        attributes(w);
        w.EndMessage(start);
        var bytes = w.Written.ToArray();
        bytes[12] = 0x2a; // a port id
        return bytes;
    }
}
