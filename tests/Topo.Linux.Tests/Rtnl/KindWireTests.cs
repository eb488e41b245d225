using Topo.Linux.Namespaces;
using Topo.Linux.Rtnl;
using Topo.Testing.Kernel;

namespace Topo.Linux.Tests.Rtnl;

/// <summary>
/// Each kind's creating request is the one iproute2 sends for the same command, as strace sees it leave ip. They run on
/// any kernel: ip sends its request before the kernel says whether it has the kind, and so does topo.
/// </summary>
public sealed class KindWireTests
{
    [KernelFact]
    public void A_dummy_placed_in_a_namespace_is_the_request_ip_sends()
    {
        using var sandbox = new KernelSandbox();
        var target = sandbox.Name("d");
        using var thread = sandbox.Namespaces.Create(target);
        using var handle = NetnsHandle.Of(thread);

        var topo = TopoRequests.Capture(sandbox.Host, b => b.CreateDummy("d0", handle));
        var ip = StraceWitness.Run(sandbox, "ip", "link", "add", "d0", "netns", target, "type", "dummy");

        WireAssert.SameRequest(LinkRequestSchema.NewLinkOf("dummy"), topo.Messages, ip);
    }

    [KernelFact]
    public void A_vlan_on_a_veth_is_the_request_ip_sends()
    {
        using var sandbox = WithParent();

        var topo = TopoRequests.Capture(sandbox.Host, b => b.CreateVlan("v0.10", "v0", null, new VlanInfo(10)));
        var ip = StraceWitness.Run(sandbox, "ip", "link", "add", "link", "v0", "name", "v0.10", "type", "vlan", "protocol", "802.1Q", "id", "10");

        WireAssert.SameRequest(LinkRequestSchema.NewLinkOf("vlan"), topo.Messages, ip);
    }

    // On this kernel the macvlan is made, so ip's own request is refused as a duplicate: it is sent all the same.
    [KernelTheory]
    [InlineData("ipvlan", "l2")]
    [InlineData("ipvlan", "l3")]
    [InlineData("ipvlan", "l3s")]
    [InlineData("macvlan", "private")]
    [InlineData("macvlan", "vepa")]
    [InlineData("macvlan", "bridge")]
    [InlineData("macvlan", "passthru")]
    public void A_device_on_a_parent_in_each_mode_is_the_request_ip_sends(string kind, string mode)
    {
        using var sandbox = WithParent();

        var topo = TopoRequests.Capture(sandbox.Host, b =>
        {
            if (kind == "ipvlan") b.CreateIpvlan("dv0", "v0", null, IpvlanModes.ValueOf(mode));
            else b.CreateMacvlan("dv0", "v0", null, MacvlanModes.ValueOf(mode));
        });
        var ip = StraceWitness.Run(sandbox, "ip", "link", "add", "link", "v0", "name", "dv0", "type", kind, "mode", mode);

        WireAssert.SameRequest(LinkRequestSchema.NewLinkOf(kind), topo.Messages, ip);
    }

    // A sandbox whose host has a veth v0 (peer v1) to hang a device on.
    private static KernelSandbox WithParent()
    {
        var sandbox = new KernelSandbox();
        sandbox.Witness("ip", "link", "add", "v0", "type", "veth", "peer", "name", "v1");
        return sandbox;
    }
}
