using System.Collections.Immutable;
using System.Net;
using Topo.Core.Kinds;
using Topo.Core.State;
using static Topo.Core.Tests.Properties.DraftChanges;

namespace Topo.Core.Tests.Properties;

public sealed class AddressProperties
{
    private static readonly bool[] BothFamilies = [false, true];

    [Fact]
    public void Every_address_of_the_lab_is_used_once() => GeneratedLabs.ForEach(lab =>
    {
        var addresses = Addresses.Of(lab.Valid().Desired).ToList();

        var repeated = addresses.GroupBy(Addresses.Ip).Where(g => g.Count() > 1).Select(g => string.Join(" and ", g.Select(a => a.Describe())));
        Assert.Empty(repeated);
    });

    [Fact]
    public void A_node_on_a_subnet_bridge_gets_per_family_addresses_inside_the_subnet_and_automatic_ones_inside_the_range()
    {
        var (ends, inRanges) = (new int[2], new int[2]);
        GeneratedLabs.ForEach(lab =>
        {
            var byInterface = Addresses.Of(lab.Valid().Desired).ToLookup(a => (a.Ns, a.Device));
            foreach (var end in DraftFacts.NodesOnBridges(lab.Draft).Where(e => e.Bridge.HasSubnet))
            {
                foreach (var v6 in BothFamilies)
                {
                    var mine = byInterface[(end.Node, end.Interface)].Where(a => Addresses.IsV6(a) == v6).ToList();
                    var where = $"{end.Node}:{end.Interface} on bridge {end.Bridge.Name} (IPv{(v6 ? 6 : 4)})";
                    var written = end.Written.Where(c => BridgeDraft.IsV6(c) == v6).Select(Addresses.Canonical).ToList();
                    if (end.Bridge.SubnetOf(v6) is not { } subnetText || !end.Automatic)
                    {
                        // No pool of this family, or the file chose: exactly what it wrote, nothing automatic.
                        Assert.Equal(written, mine.Select(a => a.Cidr));
                        continue;
                    }

                    var subnet = IPNetwork.Parse(subnetText);
                    ends[v6 ? 1 : 0]++;
                    Assert.True(mine.Count == 1, $"{where} has {mine.Count} addresses: {string.Join(", ", mine.Select(a => a.Cidr))}");
                    var ip = Addresses.Ip(mine[0]);
                    Assert.True(subnet.Contains(ip) && !ip.Equals(subnet.BaseAddress), $"{where}: {mine[0].Cidr} is not a usable address of {subnet}");
                    Assert.Equal(subnet.PrefixLength, Addresses.Prefix(mine[0]));
                    if (end.Bridge.RangeOf(v6) is not { } range) continue;
                    inRanges[v6 ? 1 : 0]++;
                    Assert.True(IPNetwork.Parse(range).Contains(ip), $"{where}: automatic {mine[0].Cidr} is outside ip_range {range}");
                }
            }
        });

        // The generator must keep making such ends in both families, or the property holds of nothing.
        Assert.True(
            ends.All(n => n > GeneratedLabs.Cases / 2) && inRanges.All(n => n > GeneratedLabs.Cases / 8),
            $"automatic ends on subnet bridges: IPv4 {ends[0]} ({inRanges[0]} in an ip_range), IPv6 {ends[1]} ({inRanges[1]} in an ip_range)");
    }

    [Fact]
    public void A_bridge_holds_one_gateway_per_subnet_the_written_one_or_the_first_usable() => GeneratedLabs.ForEach(lab =>
    {
        var desired = lab.Valid().Desired;
        foreach (var bridge in lab.Draft.Bridges.Where(b => b.HasSubnet))
        {
            var held = Addresses.Of(desired).Where(a => a.Ns == bridge.Ns && a.Device == bridge.Name).Select(a => a.Cidr).Order();

            var expected = bridge.Families.Select(v6 => $"{DraftFacts.GatewayOf(bridge, v6)}/{IPNetwork.Parse(bridge.SubnetOf(v6)!).PrefixLength}");

            Assert.Equal(expected.Order(), held);
        }
    });

    [Fact]
    public void Appending_a_node_on_a_subnet_bridge_changes_no_earlier_address_or_interface()
    {
        var exercised = new int[2];
        GeneratedLabs.ForEach(lab =>
        {
            if (lab.Draft.Bridges.FirstOrDefault(b => b.HasSubnet) is not { } bridge) return;
            foreach (var v6 in bridge.Families) exercised[v6 ? 1 : 0]++;
            var before = lab.Valid().Desired;
            var grown = GeneratedLab.From(lab.Seed, WithLateNode(lab.Draft, bridge.Name));

            var after = grown.Valid().Desired;

            Assert.Empty(Addresses.Lines(before).Except(Addresses.Lines(after)));
            var added = Addresses.Of(after).ExceptBy(Addresses.Lines(before), a => $"{a.Ns.Display}:{a.Device} {a.Cidr}").ToList();
            Assert.All(added, a => Assert.Equal($"{Late}:eth0", $"{a.Ns.Display}:{a.Device}"));
            Assert.Equal(bridge.Families, added.Select(Addresses.IsV6).Order());
            Assert.Empty(Interfaces(before).Except(Interfaces(after)));
        });

        Assert.True(exercised.All(n => n >= GeneratedLabs.Cases / 4), $"labs with a subnet bridge to grow: IPv4 {exercised[0]}, IPv6 {exercised[1]}");
    }

    [Fact]
    public void Adding_an_ipv6_subnet_to_a_bridge_renumbers_no_ipv4_address_and_changes_no_ipv4_route()
    {
        var exercised = 0;
        GeneratedLabs.ForEach(lab =>
        {
            var grownBridges = Ipv4Only(lab.Draft);
            if (grownBridges.IsEmpty) return;
            exercised++;
            var before = lab.Valid().Desired;

            var after = GeneratedLab.From(lab.Seed, WithIpv6Subnets(lab.Draft)).Valid().Desired;

            Assert.Empty(Addresses.Lines(before).Except(Addresses.Lines(after)));
            var added = Addresses.Of(after).ExceptBy(Addresses.Lines(before), a => $"{a.Ns.Display}:{a.Device} {a.Cidr}").ToList();
            Assert.All(added, a => Assert.True(Addresses.IsV6(a), $"{a.Describe()} is new"));
            // Each grown bridge takes its gateway, and every end on it that wrote no address one address more.
            var onGrown = DraftFacts.NodesOnBridges(lab.Draft).Count(e => grownBridges.Contains(e.Bridge.Name) && e.Automatic);
            Assert.Equal(grownBridges.Length + onGrown, added.Count);
            Assert.Equal(Routes(before, v6: false), Routes(after, v6: false));
            // An IPv6 default may move to a bridge earlier in the file that now has an IPv6 subnet; nothing else changes.
            Assert.All(Routes(after, v6: true).Except(Routes(before, v6: true)), r => Assert.StartsWith("::/0 ", r, StringComparison.Ordinal));
            Assert.All(Routes(before, v6: true).Except(Routes(after, v6: true)), r => Assert.StartsWith("::/0 ", r, StringComparison.Ordinal));
        });

        Assert.True(exercised >= GeneratedLabs.Cases / 4, $"only {exercised} labs had an IPv4-only subnet bridge");
    }

    private static ImmutableArray<string> Interfaces(LabState state) =>
        [.. state.Resources.OfType<VethResource>().Select(v => v.Describe())];

    private static IEnumerable<string> Routes(LabState state, bool v6) =>
        state.Resources.OfType<RouteResource>().Where(r => r.IsV6 == v6).Select(r => $"{r.To} {r.Ns.Display} via {r.Via} dev {r.Device}").Order();
}
