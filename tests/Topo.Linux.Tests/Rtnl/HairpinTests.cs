using Topo.Core.State;
using Topo.Linux.Rtnl;
using Topo.Testing.Kernel;
using Topo.Linux.Read;
using Topo.Core.Kinds;

namespace Topo.Linux.Tests.Rtnl;

public sealed class HairpinTests
{
    [KernelFact]
    public void Hairpin_mode_of_a_bridge_port_is_set_over_netlink_and_read_back()
    {
        using var sandbox = new KernelSandbox();
        using var host = RtnlClient.Open(sandbox.Host, "host");
        host.Apply(b => b.CreateBridge("br0").CreateVeth(new VethEnd("p0", null, new LinkOptions(Master: "br0")), new VethEnd("p1")));

        host.Apply(b => b.SetHairpin("p0", true));

        Assert.True(HairpinSeen(sandbox, "p0"));
        var pair = ReadPair(sandbox);
        Assert.Equal(true, pair.A.Hairpin);
        Assert.Null(pair.B.Hairpin);

        host.Apply(b => b.SetHairpin("p0", false));

        Assert.False(HairpinSeen(sandbox, "p0"));
        Assert.Equal(false, ReadPair(sandbox).A.Hairpin);
    }

    [KernelFact]
    public void Hairpin_on_an_interface_that_is_no_bridge_port_fails_naming_it()
    {
        using var sandbox = new KernelSandbox();
        using var host = RtnlClient.Open(sandbox.Host, "host");
        host.Apply(b => b.CreateVeth(new VethEnd("p0"), new VethEnd("p1")));

        var e = Assert.Throws<KernelException>(() => host.Apply(b => b.SetHairpin("p0", true)));

        Assert.Contains("hairpin mode on on bridge port 'p0'", e.Message);
    }

    public static bool HairpinSeen(KernelSandbox sandbox, string device, string? ns = null) =>
        IpWitness.Link(sandbox, ns, device).GetProperty("linkinfo").GetProperty("info_slave_data").GetProperty("hairpin").GetBoolean();

    private static VethResource ReadPair(KernelSandbox sandbox) =>
        new KernelReader(sandbox.Host, sandbox.Namespaces).Read(sandbox.Id, [], ReadDepth.Everything, null).Resources.OfType<VethResource>().Single(v => v.A.Name == "p0");
}
