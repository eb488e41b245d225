using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Tests.Properties;

public sealed class AddressProperties
{
    [Fact]
    public void Every_address_of_the_lab_is_used_once() => GeneratedLabs.ForEach(lab =>
    {
        var addresses = Addresses.Of(lab.Valid().Desired).ToList();

        var repeated = addresses.GroupBy(Addresses.Ip).Where(g => g.Count() > 1).Select(g => string.Join(" and ", g.Select(a => a.Describe())));
        Assert.Empty(repeated);
    });

    [Fact]
    public void A_node_on_a_subnet_bridge_gets_addresses_inside_the_subnet_and_automatic_ones_inside_the_range()
    {
        var (ends, inRanges) = (0, 0);
        GeneratedLabs.ForEach(lab =>
        {
            var byInterface = Addresses.Of(lab.Valid().Desired).ToLookup(a => (a.Ns, a.Device));
            foreach (var end in DraftFacts.NodesOnBridges(lab.Draft).Where(e => e.Bridge.Subnet is not null))
            {
                var subnet = IPNetwork.Parse(end.Bridge.Subnet!);
                var mine = byInterface[(end.Node, end.Interface)].Where(a => Addresses.Ip(a).AddressFamily == AddressFamily.InterNetwork).ToList();
                var where = $"{end.Node}:{end.Interface} on bridge {end.Bridge.Name}";
                ends++;

                Assert.True(mine.Count == 1, $"{where} has {mine.Count} IPv4 addresses: {string.Join(", ", mine.Select(a => a.Cidr))}");
                Assert.True(subnet.Contains(Addresses.Ip(mine[0])), $"{where}: {mine[0].Cidr} is outside {subnet}");
                Assert.Equal(subnet.PrefixLength, Addresses.Prefix(mine[0]));
                if (!end.Automatic || end.Bridge.IpRange is not { } range) continue;
                inRanges++;
                Assert.True(IPNetwork.Parse(range).Contains(Addresses.Ip(mine[0])), $"{where}: automatic {mine[0].Cidr} is outside ip_range {range}");
            }
        });

        // The generator must keep making such ends, or the property holds of nothing.
        Assert.True(ends > GeneratedLabs.Cases && inRanges > GeneratedLabs.Cases / 4, $"only {ends} node ends on subnet bridges, {inRanges} automatic in an ip_range");
    }

    [Fact]
    public void Appending_a_node_on_a_subnet_bridge_changes_no_earlier_address_or_interface()
    {
        var exercised = 0;
        GeneratedLabs.ForEach(lab =>
        {
            if (lab.Draft.Bridges.FirstOrDefault(b => b.Subnet is not null) is not { } bridge) return;
            exercised++;
            var before = lab.Valid().Desired;
            var grown = GeneratedLab.From(lab.Seed, WithLateNode(lab.Draft, bridge.Name));

            var after = grown.Valid().Desired;

            var added = Addresses.Lines(after).Except(Addresses.Lines(before)).ToList();
            Assert.Empty(Addresses.Lines(before).Except(Addresses.Lines(after)));
            var late = Assert.Single(added);
            Assert.StartsWith($"{Late}:eth0 ", late, StringComparison.Ordinal);
            Assert.Empty(Interfaces(before).Except(Interfaces(after)));
        });

        Assert.True(exercised >= GeneratedLabs.Cases / 2, $"only {exercised} labs had a subnet bridge to grow");
    }

    /// <summary>No generated node starts with 'z', so this name is free in every draft.</summary>
    private const string Late = "zlate";

    private static LabDraft WithLateNode(LabDraft draft, string bridge) => draft with
    {
        Nodes = draft.Nodes.Add(new NodeDraft(Late, [], [], [], Bare: false)),
        Links = draft.Links.Add(new LinkDraft($"{Late}:eth0", bridge, [], null, [], LongForm: false)),
    };

    private static ImmutableArray<string> Interfaces(LabState state) =>
        [.. state.Resources.OfType<VethResource>().Select(v => v.Describe())];
}
