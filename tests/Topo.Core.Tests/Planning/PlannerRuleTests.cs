using Topo.Cli.Output;
using Topo.Core.Planning;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Core.Tests.Validation;
using Topo.Testing.Planning;
using static Topo.Core.Tests.Planning.DockerishLab;

namespace Topo.Core.Tests.Planning;

public sealed class PlannerRuleTests
{
    private static readonly LinkEnd HostEnd = new(Netns.Host, "vr1");

    [Fact]
    public void A_setting_the_lab_does_not_own_is_changed_without_a_conflict()
    {
        var result = Planner.Plan(
            new LabState(Lab, [Forwarding]),
            new LabState(Lab, [Forwarding with { Value = "0" }]));

        Assert.True(result.Ok);
        var step = Assert.Single(result.Plan.Steps);
        Assert.Equal(ChangeAction.Update, step.Action);
        Assert.Equal([new AttrChange("value", "0", "1")], step.Attrs.ToArray());
    }

    [Fact]
    public void Down_leaves_settings_the_lab_does_not_own()
    {
        var result = Planner.Plan(LabState.Empty(Lab), new LabState(Lab, [Forwarding, Owned(Box2NoIpv6 with { Ns = Netns.Host })]));

        Assert.Equal(Box2NoIpv6.Name, Assert.Single(result.Plan.Steps).Key.Name);
    }

    [Fact]
    public void A_veth_end_held_by_an_owned_pair_under_another_key_is_freed_before_the_creation()
    {
        var old = Owned(VethResource.Of(new LinkEnd("box1", "eth0"), HostEnd));
        var repaired = VethResource.Of(new LinkEnd("box1", "eth0"), new LinkEnd("box2", "eth0"));

        var result = Planner.Plan(new LabState(Lab, [Box1, Box2, repaired]), new LabState(Lab, [Owned(Box1), Owned(Box2), old]));

        Assert.Equal(
            [(ChangeAction.Delete, old.Key), (ChangeAction.Create, repaired.Key)],
            result.Plan.Steps.Select(s => (s.Action, s.Key)));
    }

    [Fact]
    public void Swapped_veth_peers_are_deleted_then_created_since_no_replacement_order_could_free_the_names()
    {
        LinkEnd a = new("a", "e"), b = new("b", "e"), x = new("x", "e"), y = new("y", "e");
        var namespaces = new Resource[] { new NamespaceResource("a"), new NamespaceResource("b"), new NamespaceResource("x"), new NamespaceResource("y") };
        var actual = new LabState(Lab, [.. namespaces.Select(Owned), Owned(VethResource.Of(a, x)), Owned(VethResource.Of(b, y))]);
        var desired = new LabState(Lab, [.. namespaces, VethResource.Of(a, y), VethResource.Of(b, x)]);

        var result = Planner.Plan(desired, actual);

        Assert.Equal(
            [ChangeAction.Delete, ChangeAction.Delete, ChangeAction.Create, ChangeAction.Create],
            result.Plan.Steps.Select(s => s.Action));
    }

    [Fact]
    public void A_replaced_bridge_has_its_ports_made_again_after_it()
    {
        var port = VethResource.Of(new LinkEnd("box1", "eth0"), new LinkEnd(Netns.Host, "vethbox1", Master: "docker0"));
        var desired = new LabState(Lab, [Box1, Docker0, port]);
        var actual = new LabState(Lab, [Owned(Box1), Owned(new OtherLinkResource(Docker0.Device, "dummy")), Owned(port)]);

        var result = Planner.Plan(desired, actual);

        Assert.Equal(
            [(ChangeAction.Replace, Docker0.Key), (ChangeAction.Replace, port.Key)],
            result.Plan.Steps.Select(s => (s.Action, s.Key)));
        Assert.Equal([new AttrChange("kind", "dummy", "bridge"), new AttrChange("up", null, "true")], result.Plan.Steps[0].Attrs.ToArray());
        Assert.Contains(
            "-/+ veth vethbox1 <-> box1:eth0   # made again: it depends on bridge docker0 (replaced)",
            PlanText.Render(result.Plan));
    }

    [Fact]
    public void A_changed_prefix_writes_the_routes_out_of_its_interface_again_after_the_new_address()
    {
        var ns = new NamespaceResource("a");
        var link = VethResource.Of(new LinkEnd("a", "eth0"), new LinkEnd("b", "eth0"));
        AddressResource before = new("a", "eth0", "10.1.0.1/24"), after = new("a", "eth0", "10.1.0.1/25");
        var route = new RouteResource("a", "10.9.0.0/24", "10.1.0.2", null) { GatewayAddress = after.Key };
        var v6 = new RouteResource("a", "fd09::/64", "fd01::2", null);
        var actual = new LabState(Lab, [.. new Resource[] { ns, link, before, route with { Device = "eth0", GatewayAddress = null }, v6 with { Device = "eth0" } }.Select(Owned)]);

        var result = Planner.Plan(new LabState(Lab, [ns, link, after, route, v6]), actual);

        Assert.Equal(
            [(ChangeAction.Delete, before.Key), (ChangeAction.Create, after.Key), (ChangeAction.Create, route.Key)],
            result.Plan.Steps.Select(s => (s.Action, s.Key)));
    }

    [Fact]
    public void Removing_a_bridges_ipv6_subnet_deletes_the_ipv6_default_routes_the_kernel_keeps()
    {
        static LabBuilder Lab(params string[] subnets) => new LabBuilder().Lab("v6rm")
            .DualStackBridge("br0", subnets).Nodes("n1", "n2").Link("n1:eth0", "br0").Link("n2:eth0", "br0");
        var applied = ReadBack.Of(Lab("172.30.0.0/24", "fd00:30::/64").Valid().Desired);
        var desired = Lab("172.30.0.0/24").Valid().Desired;

        var steps = Planner.Plan(desired, applied).Plan.Steps;

        Assert.All(steps, s => Assert.Equal(ChangeAction.Delete, s.Action));
        Assert.Equal(
            ["address fd00:30::1/64 on host:br0", "address fd00:30::2/64 on n1:eth0", "address fd00:30::3/64 on n2:eth0",
             "route ::/0 via fd00:30::1 dev eth0 in n1", "route ::/0 via fd00:30::1 dev eth0 in n2"],
            steps.Select(s => s.Subject.Describe()).Order());
        var kernel = new KernelSimulator(applied.Resources);
        foreach (var step in steps) kernel.Apply(step);
        Assert.Empty(Planner.Plan(desired, new LabState("v6rm", [.. kernel.Objects])).Plan.Steps);
    }

    [Fact]
    public void A_route_given_up_with_one_of_two_ipv4_addresses_on_its_interface_is_deleted()
    {
        var ns = new NamespaceResource("a");
        var link = VethResource.Of(new LinkEnd("a", "eth0"), new LinkEnd("b", "eth0"));
        AddressResource kept = new("a", "eth0", "10.1.0.1/24"), given = new("a", "eth0", "10.2.0.1/24");
        var route = new RouteResource("a", "10.9.0.0/16", "10.2.0.2", "eth0");
        var actual = new LabState(Lab, [.. new Resource[] { ns, link, kept, given, route }.Select(Owned)]);

        var result = Planner.Plan(new LabState(Lab, [ns, link, kept]), actual);

        // The kernel drops IPv4 routes out of an interface with its last IPv4 address only: this one stays unless deleted.
        Assert.Equal([given.Key, route.Key], result.Plan.Steps.Select(s => s.Key).Order());
    }

    [Fact]
    public void A_namespaces_global_sysctls_are_written_before_its_per_interface_ones()
    {
        SysctlResource perInterface = new(Netns.Host, "net.ipv4.conf.br0.forwarding", "0"), all = new(Netns.Host, "net.ipv6.conf.all.forwarding", "1");
        SysctlResource box = new("box1", "net.ipv4.conf.eth0.rp_filter", "0");
        var desired = new LabState(Lab, [perInterface, Forwarding, all, box]);
        var actual = new LabState(Lab, [perInterface with { Value = "1" }, Forwarding with { Value = "0" }, all with { Value = "0" }, box with { Value = "1" }]);

        var result = Planner.Plan(desired, actual);

        Assert.Equal([Forwarding.Key, all.Key, perInterface.Key, box.Key], result.Plan.Steps.Select(s => s.Key));
    }

    [Fact]
    public void Switching_forwarding_on_writes_again_the_interface_forwarding_it_resets_and_nothing_else()
    {
        SysctlResource off = new(Netns.Host, "net.ipv4.conf.br0.forwarding", "0"), v6 = new(Netns.Host, "net.ipv6.conf.br0.forwarding", "0");
        SysctlResource filter = new(Netns.Host, "net.ipv4.conf.br0.rp_filter", "0"), elsewhere = new("box1", "net.ipv4.conf.eth0.forwarding", "0");
        var desired = new LabState(Lab, [Forwarding, off, v6, filter, elsewhere]);

        var result = Planner.Plan(desired, new LabState(Lab, [Forwarding with { Value = "0" }, off, v6, filter, elsewhere]));

        Assert.Equal([(ChangeAction.Update, Forwarding.Key), (ChangeAction.Update, off.Key)], result.Plan.Steps.Select(s => (s.Action, s.Key)));
        Assert.Empty(Planner.Plan(desired, new LabState(Lab, [Forwarding, off, v6, filter, elsewhere])).Plan.Steps);
    }

    [Fact]
    public void Deletions_take_dependents_before_what_they_need_and_skip_what_goes_with_them()
    {
        var port = Owned(VethResource.Of(new LinkEnd(Netns.Host, "p1", Master: "docker0"), HostEnd));
        var onPort = Owned(new AddressResource(Netns.Host, "vr1", "10.0.0.1/24"));
        var route = Owned(new RouteResource(Netns.Host, "10.9.0.0/16", "10.0.0.2", null) { GatewayAddress = onPort.Key });

        var result = Planner.Plan(LabState.Empty(Lab), new LabState(Lab, [Owned(Docker0), port, onPort, route]));

        Assert.Equal([port.Key, Docker0.Key], result.Plan.Steps.Select(s => s.Key));
    }

    [Fact]
    public void Unmanaged_attributes_are_not_compared()
    {
        var desired = new BridgeResource(new LinkEnd(Netns.Host, "docker0", Mtu: null, Up: null));
        var actual = Owned(new BridgeResource(new LinkEnd(Netns.Host, "docker0", Mtu: 9000, Mac: "02:00:00:00:00:01", Up: false)));

        Assert.True(Planner.Plan(new LabState(Lab, [desired]), new LabState(Lab, [actual])).Plan.IsEmpty);
    }

    [Fact]
    public void A_state_that_holds_a_key_twice_is_refused_with_the_key()
    {
        var error = Assert.Throws<ArgumentException>(() => Planner.Plan(new LabState(Lab, [Box1, Box1]), LabState.Empty(Lab)));

        Assert.Contains("namespace host/box1", error.Message);
    }

    [Fact]
    public void Rule_set_changes_show_the_rules_that_go_and_come()
    {
        var wanted = Nat with { Rules = [new MasqueradeRule("172.17.0.0/16"), new MasqueradeRule("172.18.0.0/16")] };

        var text = PlanText.Render(Planner.Plan(new LabState(Lab, [wanted]), new LabState(Lab, [Owned(Nat)])).Plan);

        Assert.Equal(
            """
            host:
              ~ nftables table topo-dockerish in host (2 rules)
                  rules:
                    - postrouting: ct status dnat ip saddr 172.17.0.0/16 ip daddr 172.17.0.0/16 masquerade
                    + postrouting: ip saddr 172.18.0.0/16 ip daddr != 172.18.0.0/16 masquerade

            Plan: 0 to add, 1 to change, 0 to destroy.

            """,
            text);
    }
}
