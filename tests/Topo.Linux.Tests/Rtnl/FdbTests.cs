using System.Buffers.Binary;
using System.Net;
using Topo.Linux.Netlink;
using Topo.Linux.Rtnl;
using Topo.Linux.Tests.Netlink;
using Topo.Testing.Kernel;

namespace Topo.Linux.Tests.Rtnl;

/// <summary>A VXLAN device's forwarding entries (head-end replication): appended, read back, deleted, witnessed by <c>bridge fdb</c>.</summary>
public sealed class FdbTests
{
    private const int EAFNOSUPPORT = 97;
    private const ushort Permanent = Nda.StatePermanent | Nda.StateNoArp;

    private static readonly IPAddress Far12 = IPAddress.Parse("192.0.2.12");
    private static readonly IPAddress Far13 = IPAddress.Parse("192.0.2.13");
    private static readonly IPAddress Far6 = IPAddress.Parse("2001:db8::12");

    [KernelFact]
    public void Appended_remotes_are_what_bridge_fdb_shows_and_what_the_dump_reads()
    {
        using var sandbox = new KernelSandbox();
        using var host = RtnlClient.Open(sandbox.Host, "host");
        var vx0 = MakeVxlan(host, "vx0", "192.0.2.11");
        var vx1 = MakeVxlan(host, "vx1", "192.0.2.11", vni: 43);

        host.Apply(b => b
            .AppendFdb(new FdbSpec("vx1", Far12))
            .AppendFdb(new FdbSpec("vx0", Far12))
            .AppendFdb(new FdbSpec("vx0", Far13))
            .AppendFdb(new FdbSpec("vx0", IPAddress.Parse("192.0.2.14"), Vni: 77, Port: 4790)));

        Assert.Equal(
            ["00:00:00:00:00:00 dst 192.0.2.12", "00:00:00:00:00:00 dst 192.0.2.13", "00:00:00:00:00:00 dst 192.0.2.14 port 4790 vni 77"],
            IpWitness.Fdb(sandbox, null, "vx0").Order());
        FdbEntry[] expected =
        [
            new(vx0, Nda.AllZeroMac, Far12, null, null, Nda.FlagSelf, Permanent),
            new(vx0, Nda.AllZeroMac, Far13, null, null, Nda.FlagSelf, Permanent),
            new(vx0, Nda.AllZeroMac, IPAddress.Parse("192.0.2.14"), 77, 4790, Nda.FlagSelf, Permanent),
        ];
        var read = host.Fdb(vx0).OrderBy(e => e.Destination?.ToString()).ToList();
        Assert.Equal(expected, read);
        Assert.All(read, e => Assert.True(e.Self && !e.Master && e.Permanent));
        var all = host.Fdb();
        Assert.Equal(expected, all.Where(e => e.Index == vx0).OrderBy(e => e.Destination?.ToString()));
        Assert.Equal([Far12], all.Where(e => e.Index == vx1).Select(e => e.Destination));
    }

    [KernelFact]
    public void On_a_bridge_port_the_dump_tells_the_vxlans_own_remotes_from_the_bridges_entries()
    {
        using var sandbox = new KernelSandbox();
        using var host = RtnlClient.Open(sandbox.Host, "host");
        host.Apply(b => b.CreateBridge("br0", new LinkOptions(Up: true)));
        var vx0 = MakeVxlan(host, "vx0", "192.0.2.11", options: new LinkOptions(Master: "br0", Up: true));

        host.Apply(b => b.AppendFdb(new FdbSpec("vx0", Far12)));

        var read = host.Fdb(vx0);
        Assert.Equal([new FdbEntry(vx0, Nda.AllZeroMac, Far12, null, null, Nda.FlagSelf, Permanent)], read.Where(e => e.Self));
        // The bridge's own entry for its port's MAC comes in the same dump, marked as the master's.
        var mac = IpWitness.Link(sandbox, null, "vx0").GetProperty("address").GetString();
        var bridges = Assert.Single(read, e => e.Master);
        Assert.Equal((mac, null, host.IndexOf("br0"), true), (bridges.Mac, bridges.Destination, bridges.MasterIndex, bridges.Permanent));
    }

    [KernelFact]
    public void An_IPv6_remote_goes_to_a_vxlan_with_an_IPv6_local_address_and_one_with_an_IPv4_local_refuses_it()
    {
        using var sandbox = new KernelSandbox();
        using var host = RtnlClient.Open(sandbox.Host, "host");
        MakeVxlan(host, "vx0", "192.0.2.11");
        var vx6 = MakeVxlan(host, "vx6", "2001:db8::11");

        host.Apply(b => b.AppendFdb(new FdbSpec("vx6", Far6)));
        var e = Assert.Throws<KernelException>(() => host.Apply(b => b.AppendFdb(new FdbSpec("vx0", Far6))));

        Assert.Equal(["00:00:00:00:00:00 dst 2001:db8::12"], IpWitness.Fdb(sandbox, null, "vx6"));
        Assert.Equal([new FdbEntry(vx6, Nda.AllZeroMac, Far6, null, null, Nda.FlagSelf, Permanent)], host.Fdb(vx6));
        Assert.Equal(EAFNOSUPPORT, e.Errno);
        Assert.Equal("appending FDB entry 00:00:00:00:00:00 dst 2001:db8::12 to 'vx0' in namespace 'host': Address family not supported by protocol", e.Message);
        Assert.Empty(IpWitness.Fdb(sandbox, null, "vx0"));
    }

    [KernelFact]
    public void Appending_a_remote_the_entry_holds_succeeds_and_adds_no_second()
    {
        using var sandbox = new KernelSandbox();
        using var host = RtnlClient.Open(sandbox.Host, "host");
        var vx0 = MakeVxlan(host, "vx0", "192.0.2.11");
        host.Apply(b => b.AppendFdb(new FdbSpec("vx0", Far12)));

        host.Apply(b => b.AppendFdb(new FdbSpec("vx0", Far12)).AppendFdb(new FdbSpec("vx0", Far12)));

        Assert.Equal(["00:00:00:00:00:00 dst 192.0.2.12"], IpWitness.Fdb(sandbox, null, "vx0"));
        Assert.Single(host.Fdb(vx0));
    }

    [KernelFact]
    public void Deleting_a_remote_leaves_the_entrys_others()
    {
        using var sandbox = new KernelSandbox();
        using var host = RtnlClient.Open(sandbox.Host, "host");
        var vx0 = MakeVxlan(host, "vx0", "192.0.2.11");
        host.Apply(b => b.AppendFdb(new FdbSpec("vx0", Far12)).AppendFdb(new FdbSpec("vx0", Far13)));

        host.Apply(b => b.DeleteFdb(new FdbSpec("vx0", Far12)));

        Assert.Equal(["00:00:00:00:00:00 dst 192.0.2.13"], IpWitness.Fdb(sandbox, null, "vx0"));
        Assert.Equal([Far13], host.Fdb(vx0).Select(e => e.Destination));
    }

    // What a repair must know: a delete matches the remote with its port and VNI, and misses silently when they differ.
    [KernelFact]
    public void A_delete_that_misses_the_remotes_port_succeeds_and_deletes_nothing_and_one_for_a_mac_without_entries_is_refused()
    {
        using var sandbox = new KernelSandbox();
        using var host = RtnlClient.Open(sandbox.Host, "host");
        MakeVxlan(host, "vx0", "192.0.2.11");
        var entry = new FdbSpec("vx0", Far12, Port: 4790);
        host.Apply(b => b.AppendFdb(entry));

        host.Apply(b => b.DeleteFdb(entry with { Port = null }));
        Assert.Equal(["00:00:00:00:00:00 dst 192.0.2.12 port 4790"], IpWitness.Fdb(sandbox, null, "vx0"));

        host.Apply(b => b.DeleteFdb(entry));
        Assert.Empty(IpWitness.Fdb(sandbox, null, "vx0"));

        var e = Assert.Throws<KernelException>(() => host.Apply(b => b.DeleteFdb(entry)));
        Assert.Equal(Errors.ENOENT, e.Errno);
        Assert.Equal("deleting FDB entry 00:00:00:00:00:00 dst 192.0.2.12 port 4790 from 'vx0' in namespace 'host': No such file or directory", e.Message);
    }

    [KernelFact]
    public void Appending_to_a_missing_device_fails_before_anything_is_sent_and_names_it()
    {
        using var sandbox = new KernelSandbox();
        using var host = RtnlClient.Open(sandbox.Host, "host");
        MakeVxlan(host, "vx0", "192.0.2.11");

        var e = Assert.Throws<KernelException>(() => host.Apply(b => b.AppendFdb(new FdbSpec("vx9", Far12)).AppendFdb(new FdbSpec("vx0", Far12))));

        Assert.Equal(Errors.ENODEV, e.Errno);
        Assert.Equal("appending FDB entry 00:00:00:00:00:00 dst 192.0.2.12 to 'vx9' in namespace 'host': no interface 'vx9' in namespace 'host'", e.Message);
        Assert.Empty(IpWitness.Fdb(sandbox, null, "vx0"));
    }

    [KernelFact]
    public void A_dump_for_a_device_that_is_gone_reads_no_entries_and_no_error()
    {
        using var sandbox = new KernelSandbox();
        using var host = RtnlClient.Open(sandbox.Host, "host");
        var vx0 = MakeVxlan(host, "vx0", "192.0.2.11");
        host.Apply(b => b.AppendFdb(new FdbSpec("vx0", Far12)));
        Assert.Single(host.Fdb(vx0));

        host.Apply(b => b.Delete("vx0"));

        Assert.Empty(host.Fdb(vx0));
    }

    // The requests below are what strace -e trace=sendmsg -e write=3 showed iproute2 6.x sending, nlmsg_seq zeroed, in a
    // namespace where vx0 (index 2) was a vxlan with an IPv4 local address and vxl6 (index 3) one with an IPv6 local address.
    [Theory]
    [InlineData("vx0", "192.0.2.12", null, null, // bridge fdb append 00:00:00:00:00:00 dev vx0 dst 192.0.2.12
        "300000001c00050c0000000000000000 0700000002000000c00002000a000200 000000000000000008000100c000020c")]
    [InlineData("vxl6", "2001:db8::12", null, null, // bridge fdb append 00:00:00:00:00:00 dev vxl6 dst 2001:db8::12
        "3c0000001c00050c0000000000000000 0700000003000000c00002000a000200 00000000000000001400010020010db8 000000000000000000000012")]
    [InlineData("vx0", "192.0.2.13", 77u, (ushort)4790, // bridge fdb append 00:00:00:00:00:00 dev vx0 dst 192.0.2.13 vni 77 port 4790
        "400000001c00050c0000000000000000 0700000002000000c00002000a000200 000000000000000008000100c000020d 0600060012b60000080007004d000000")]
    public void An_append_is_the_bytes_bridge_fdb_append_sends(string device, string dst, uint? vni, ushort? port, string hex)
    {
        Assert.Equal(RecordingTransport.FromHex(hex), Sent(device, b => b.AppendFdb(new FdbSpec(device, IPAddress.Parse(dst), Vni: vni, Port: port))));
    }

    [Fact]
    public void A_delete_is_the_bytes_bridge_fdb_del_sends()
    {
        // bridge fdb del 00:00:00:00:00:00 dev vx0 dst 192.0.2.12
        Assert.Equal(
            RecordingTransport.FromHex("300000001d0005000000000000000000 0700000002000000c00002000a000200 000000000000000008000100c000020c"),
            Sent("vx0", b => b.DeleteFdb(new FdbSpec("vx0", Far12))));
    }

    [Fact]
    public void A_dump_asks_for_the_bridge_family_and_the_device_in_the_header_as_strict_checking_wants()
    {
        var transport = new RecordingTransport();
        using var client = new RtnlClient(transport, "host");

        client.StartFdb(2);

        // RTM_GETNEIGH, NLM_F_REQUEST|NLM_F_DUMP, an ndmsg of AF_BRIDGE for interface 2 and nothing else (the kernel refuses state or flags).
        Assert.Equal(RecordingTransport.FromHex("1c0000001e0001030100000000000000 070000000200000000000000"), Assert.Single(transport.Sent));
    }

    [Fact]
    public void The_entries_of_a_dump_reply_are_decoded()
    {
        // Captured with strace -e read=3 from "bridge fdb show dev vx0" (kernel 6.18) after appending 192.0.2.12, and
        // 192.0.2.13 with vni 77 port 4790, to vx0 (index 2).
        var reply = RecordingTransport.FromHex("""
            440000001c0002007b72116bc6370000 0700000002000000c00002010a000200 000000000000000008000100c000020c
            1400030000000000020000000200000000000000 540000001c0002007b72116bc6370000 0700000002000000c00002010a000200
            000000000000000008000100c000020d 0600060012b60000080007004d000000 14000300000000000200000002000000 00000000
            """);
        var entries = new List<FdbEntry>();
        foreach (var message in NetlinkMessage.Read(reply)) entries.Add(FdbEntry.Parse(message)!);

        Assert.Equal(
            [
                new FdbEntry(2, Nda.AllZeroMac, Far12, null, null, Nda.FlagSelf, Permanent),
                new FdbEntry(2, Nda.AllZeroMac, Far13, 77, 4790, Nda.FlagSelf, Permanent),
            ],
            entries);
    }

    private static int MakeVxlan(RtnlClient host, string name, string local, uint vni = 42, LinkOptions? options = null)
    {
        host.Apply(b => b.CreateVxlan(name, null, new VxlanInfo(vni, null, IPAddress.Parse(local), 4789), null, options));
        return host.IndexOf(name) ?? throw new InvalidOperationException($"no {name}");
    }

    // The request a batch sends to a client whose kernel knows vx0 as index 2 and vxl6 as 3 (the capture's), sequence zeroed.
    private static byte[] Sent(string device, Action<RtnlBatch> build)
    {
        var transport = new RecordingTransport(request =>
        {
            if (BinaryPrimitives.ReadUInt16LittleEndian(request.AsSpan(4)) != RtnlTypes.GetLink) return RecordingTransport.AckEach(request);
            var sequence = BinaryPrimitives.ReadUInt32LittleEndian(request.AsSpan(8));
            var w = new NetlinkWriter();
            var m = w.BeginMessage(RtnlTypes.NewLink, 0, sequence);
            w.Struct(new IfInfoMsg { Index = device == "vxl6" ? 3 : 2 });
            w.String(Ifla.IfName, device);
            w.EndMessage(m);
            return [w.Written.ToArray(), RecordingTransport.Ack(sequence, 0)];
        });
        using var client = new RtnlClient(transport, "host");
        client.Apply(build);
        var sent = transport.Sent.Last();
        BinaryPrimitives.WriteUInt32LittleEndian(sent.AsSpan(8), 0);
        return sent;
    }
}
