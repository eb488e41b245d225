using Topo.Core.Explain;
using Topo.Core.Graph;
using Topo.Core.Kinds;
using Topo.Core.Planning;
using Topo.Core.State;

namespace Topo.Core.Tests.Kinds;

/// <summary>A VXLAN device's forwarding entry: its identity, what it needs, its words in a plan and its explain commands.</summary>
public class FdbKindTests
{
    private static readonly FdbResource Entry = new(Netns.Host, "vxov0", FdbResource.AllZeroMac, "192.0.2.12");

    [Fact]
    public void An_entry_is_keyed_in_its_namespace_by_device_mac_and_destination_and_stands_on_its_device()
    {
        Assert.Equal(new ResourceKey(ResourceKind.Fdb, Netns.Host, "vxov0 00:00:00:00:00:00 dst 192.0.2.12"), Entry.Key);
        Assert.NotEqual(Entry.Key, (Entry with { Destination = "192.0.2.13" }).Key);
        Assert.NotEqual(Entry.Key, (Entry with { Ns = "n1" }).Key);
        // The kernel holds a remote once per port and VNI: a delete that names other ones misses it.
        Assert.NotEqual(Entry.Key, (Entry with { Port = 4790 }).Key);
        Assert.Equal([new ResourceKey(ResourceKind.Link, Netns.Host, "vxov0")], Entry.Dependencies);
        Assert.Empty(Entry.Attributes);
    }

    [Fact]
    public void It_comes_after_addresses_and_before_routes()
    {
        Assert.True(ResourceKind.Address < ResourceKind.Fdb && ResourceKind.Fdb < ResourceKind.Route);
    }

    [Fact]
    public void It_is_described_as_bridge_fdb_shows_it_on_its_device()
    {
        Assert.Equal("forwarding entry 00:00:00:00:00:00 dst 192.0.2.12 on host:vxov0", Entry.Describe());
        Assert.Equal(
            "forwarding entry 00:00:00:00:00:00 dst 192.0.2.14 port 4790 vni 77 on n1:vx0",
            new FdbResource("n1", "vx0", FdbResource.AllZeroMac, "192.0.2.14") { Port = 4790, Vni = 77 }.Describe());
    }

    [Fact]
    public void Explain_appends_it_with_bridge_fdb_and_deletes_it_with_the_same_words()
    {
        Assert.Equal(["bridge fdb append 00:00:00:00:00:00 dev vxov0 dst 192.0.2.12"], Commands(ChangeAction.Create, Entry));
        Assert.Equal(["bridge fdb del 00:00:00:00:00:00 dev vxov0 dst 192.0.2.12"], Commands(ChangeAction.Delete, Entry));
    }

    [Fact]
    public void Explain_reaches_a_node_with_ip_netns_exec_and_an_attached_namespace_with_nsenter_and_keeps_port_and_vni()
    {
        var inNode = new FdbResource("n1", "vx0", "02:42:0a:00:00:02", "2001:db8::12") { Port = 4790, Vni = 77 };
        Assert.Equal(["ip netns exec n1 bridge fdb append 02:42:0a:00:00:02 dev vx0 dst 2001:db8::12 port 4790 vni 77"], Commands(ChangeAction.Create, inNode));
        Assert.Equal(
            ["nsenter --net=/proc/42/ns/net bridge fdb del 00:00:00:00:00:00 dev vx0 dst 192.0.2.12"],
            Commands(ChangeAction.Delete, Entry with { Ns = "/proc/42/ns/net", Device = "vx0" }));
    }

    [Fact]
    public void The_graph_draws_no_line_for_an_entry()
    {
        var vxlan = new VxlanResource(new LinkEnd(Netns.Host, "vxov0", Master: "br0"), Netns.Host, 4242, null, null, "192.0.2.11", 4789);
        var without = MermaidWriter.Write(LabGraphBuilder.Of(new LabState("ov", [new BridgeResource(new LinkEnd(Netns.Host, "br0")), vxlan])));
        var with = MermaidWriter.Write(LabGraphBuilder.Of(new LabState("ov", [new BridgeResource(new LinkEnd(Netns.Host, "br0")), vxlan, Entry])));
        Assert.Equal(without, with);
    }

    private static string[] Commands(ChangeAction action, FdbResource f) =>
        [.. StepCommands.Of(action == ChangeAction.Create ? new Change(action, null, f, []) : new Change(action, f, null, []), "ov")];
}
