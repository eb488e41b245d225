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
}
