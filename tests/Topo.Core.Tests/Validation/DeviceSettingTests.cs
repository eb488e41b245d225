using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Tests.Validation;

public sealed class DeviceSettingTests
{
    private static LabBuilder Pair(int? mtu = null, params (string, string)[] macs) =>
        new LabBuilder().Nodes("a", "b").Link("a:eth0", "b:eth0", mtu: mtu, macs: macs);

    [Theory]
    [InlineData(67)]
    [InlineData(65536)]
    [InlineData(0)]
    public void A_link_mtu_is_from_68_to_65535(int mtu) =>
        Assert.Equal([$"links[0].mtu: mtu {mtu} must be from 68 (the IPv4 minimum) to 65535"], Pair(mtu).Errors());

    [Fact]
    public void A_bridge_mtu_is_from_68_to_65535() =>
        Assert.Equal(["bridges.br0.mtu: mtu 40 must be from 68 (the IPv4 minimum) to 65535"], new LabBuilder().Bridge("br0", mtu: 40).Errors());

    [Theory]
    [InlineData("02:42:ac:11:00", "mac '02:42:ac:11:00' must be six hex pairs separated by ':' (e.g. 02:42:ac:11:00:02)")]
    [InlineData("02-42-ac-11-00-02", "mac '02-42-ac-11-00-02' must be six hex pairs separated by ':' (e.g. 02:42:ac:11:00:02)")]
    [InlineData("02:42:ac:11:00:zz", "mac '02:42:ac:11:00:zz' must be six hex pairs separated by ':' (e.g. 02:42:ac:11:00:02)")]
    [InlineData("01:00:5e:00:00:01", "mac '01:00:5e:00:00:01' is not a unicast address (the lowest bit of the first byte must be 0, and not all zero; e.g. 02:42:ac:11:00:02)")]
    [InlineData("00:00:00:00:00:00", "mac '00:00:00:00:00:00' is not a unicast address (the lowest bit of the first byte must be 0, and not all zero; e.g. 02:42:ac:11:00:02)")]
    public void A_mac_is_a_unicast_address(string mac, string message) =>
        Assert.Equal([$"links[0].mac['a:eth0']: {message}"], Pair(null, ("a:eth0", mac)).Errors());

    [Fact]
    public void A_bridge_mac_is_checked_too() =>
        Assert.Single(new LabBuilder().Bridge("br0", mac: "ff:ff:ff:ff:ff:ff").Errors());

    [Fact]
    public void A_mac_is_given_only_for_an_end_of_the_link() =>
        Assert.Equal(
            ["links[0].mac['c:eth0']: 'c:eth0' is not an end of this link (ends: a:eth0, b:eth0)"],
            Pair(null, ("c:eth0", "02:00:00:00:00:01")).Errors());

    [Fact]
    public void Mtu_goes_on_both_ends_and_a_mac_on_its_own_end_in_lower_case()
    {
        var veth = Assert.Single(Pair(9000, ("b:eth0", "02:AB:00:00:00:01")).Valid().Desired.Resources.OfType<VethResource>());

        Assert.Equal(new LinkEnd("a", "eth0", Mtu: 9000), veth.A);
        Assert.Equal(new LinkEnd("b", "eth0", Mtu: 9000, Mac: "02:ab:00:00:00:01"), veth.B);
    }

    private const string TakesIpv6Off = "the kernel would take IPv6 off the interface (make mtu at least 1280, or drop the IPv6 address)";

    [Fact]
    public void A_link_mtu_below_1280_is_refused_when_an_end_has_an_ipv6_address()
    {
        var lab = new LabBuilder().Nodes("a", "b");
        Assert.Equal(
            [$"links[0].mtu: mtu 1279 is below 1280, the IPv6 minimum, and b:eth0 has the IPv6 address fd00::2/64: {TakesIpv6Off}"],
            lab.Link("a:eth0", "b:eth0", mtu: 1279, addresses: [("a:eth0", ["10.0.0.1/24"]), ("b:eth0", ["fd00::2/64"])]).Errors());
        Assert.Empty(new LabBuilder().Nodes("a", "b").Link("a:eth0", "b:eth0", mtu: 1280, addresses: [("b:eth0", ["fd00::2/64"])]).Errors());
        Assert.Empty(new LabBuilder().Nodes("a", "b").Link("a:eth0", "b:eth0", mtu: 1000, addresses: [("b:eth0", ["10.0.0.2/24"])]).Errors());
    }

    [Fact]
    public void A_bridge_mtu_below_1280_is_refused_with_an_ipv6_subnet() =>
        Assert.Equal(
            [$"bridges.br0.mtu: mtu 1200 is below 1280, the IPv6 minimum, and bridge 'br0' has the IPv6 address fd00::1/64: {TakesIpv6Off}"],
            new LabBuilder().Bridge("br0", subnet: "fd00::/64", mtu: 1200).Errors());

    [Fact]
    public void A_small_port_mtu_would_pull_an_ipv6_bridge_down() =>
        Assert.Equal(
            [$"links[0].mtu: mtu 576 is below 1280, the IPv6 minimum, and a:eth0 has the IPv6 address fd00::2/64: {TakesIpv6Off}"],
            new LabBuilder().Node("a").Bridge("br0", subnet: "fd00::/64").Link("a:eth0", "br0", mtu: 576).Errors());

    [Fact]
    public void A_port_mtu_below_1280_is_refused_when_only_its_bridge_has_ipv6() =>
        Assert.Equal(
            [$"links[0].mtu: mtu 1000 is below 1280, the IPv6 minimum, and bridge 'br0' (whose MTU follows its smallest port) has the IPv6 address fd00::1/64: {TakesIpv6Off}"],
            new LabBuilder().Node("a").Bridge("br0", address: "fd00::1/64").Link("a:eth0", "br0", mtu: 1000, addresses: [("a:eth0", ["10.0.0.2/24"])]).Errors());
}
