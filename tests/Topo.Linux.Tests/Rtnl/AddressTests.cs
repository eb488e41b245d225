using Topo.Linux.Rtnl;
using Topo.Testing.Kernel;

namespace Topo.Linux.Tests.Rtnl;

public sealed class AddressTests
{
    [KernelFact]
    public void IPv4_and_IPv6_addresses_are_added_read_back_and_deleted()
    {
        using var sandbox = new KernelSandbox();
        using var host = RtnlClient.Open(sandbox.Host, "host");
        host.Apply(b => b.CreateBridge("br0", new LinkOptions(Up: true)));

        host.Apply(b => b.AddAddress("br0", "10.1.2.1/24").AddAddress("br0", "fd00:1::1/64"));

        Assert.Equal(["10.1.2.1/24", "fd00:1::1/64"], IpWitness.Addresses(sandbox, null, "br0"));
        var v4 = System.Text.Json.JsonDocument.Parse(IpWitness.Ip(sandbox, null, "-4", "addr", "show", "dev", "br0"))
            .RootElement[0].GetProperty("addr_info")[0];
        Assert.Equal("10.1.2.255", v4.GetProperty("broadcast").GetString());
        var index = host.Links().Single(l => l.Name == "br0").Index;
        Assert.Equal(
            ["10.1.2.1/24", "fd00:1::1/64"],
            host.Addresses().Where(a => a.Index == index && !a.IsLinkLocal).Select(a => a.Cidr).Order().ToList());

        host.Apply(b => b.DeleteAddress("br0", "10.1.2.1/24").DeleteAddress("br0", "fd00:1::1/64"));

        Assert.Empty(IpWitness.Addresses(sandbox, null, "br0"));
    }

    [KernelFact]
    public void An_address_for_a_bridge_made_in_the_same_batch_is_added_and_adding_it_twice_names_it()
    {
        using var sandbox = new KernelSandbox();
        using var host = RtnlClient.Open(sandbox.Host, "host");
        host.Apply(b => b.CreateBridge("br1").AddAddress("br1", "10.9.0.1/16"));
        Assert.Equal(["10.9.0.1/16"], IpWitness.Addresses(sandbox, null, "br1"));

        var e = Assert.Throws<KernelException>(() => host.Apply(b => b.AddAddress("br1", "10.9.0.1/16")));

        Assert.Equal(Errors.EEXIST, e.Errno);
        Assert.Equal("adding address 10.9.0.1/16 to 'br1' in namespace 'host': ipv4: Address already assigned", e.Message);
    }

    [KernelFact]
    public void An_address_on_a_missing_interface_fails_before_anything_is_sent()
    {
        using var sandbox = new KernelSandbox();
        using var host = RtnlClient.Open(sandbox.Host, "host");

        var e = Assert.Throws<KernelException>(() => host.Apply(b => b.AddAddress("nope0", "10.0.0.1/8")));

        Assert.Equal(Errors.ENODEV, e.Errno);
        Assert.StartsWith("adding address 10.0.0.1/8 to 'nope0' in namespace 'host'", e.Message);
    }
}
