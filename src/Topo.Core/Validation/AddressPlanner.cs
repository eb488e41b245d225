using System.Collections.Immutable;
using Topo.Core.Model;

namespace Topo.Core.Validation;

/// <summary>
/// All of the lab's addresses: bridge gateways, addresses written on link ends, and automatic
/// ones for node ends on subnet bridges. Automatic addresses go by the order of <c>links</c>
/// and skip every address written anywhere, so the same file always gives the same addresses
/// and appending a link never renumbers an earlier one. A macvlan has written addresses only:
/// its parent's segment is not the lab's to number.
/// </summary>
internal static class AddressPlanner
{
    public static AddressPlan Plan(LabNames names, ImmutableArray<ResolvedLink> links, ImmutableArray<ResolvedDevice> macvlans, Problems problems)
    {
        var (subnets, bridgeAddresses) = BridgeAddressing.Check(names, problems);
        var subnetOf = subnets.GroupBy(s => s.Bridge.Name).ToImmutableDictionary(g => g.Key, g => g.ToImmutableArray());

        var used = new Dictionary<Ip, string>();
        foreach (var address in bridgeAddresses)
        {
            var bridge = names.BridgeByName[address.Device];
            Claim(address.Cidr.Address, $"bridge '{bridge.Name}'", bridge.Spec.Address, $"{bridge.Path}.address", used, problems);
        }

        // An overlay's gateway is on no interface, but stays out of its pool, as Docker's overlay keeps .1.
        foreach (var overlay in subnets.Where(s => s.Bridge.Spec.IsOverlay)) used.TryAdd(overlay.Gateway.Address, $"bridge '{overlay.Bridge.Name}'");

        var written = new Dictionary<(int, Endpoint), ImmutableArray<PlannedAddress>>();
        foreach (var link in links)
        {
            foreach (var entry in link.Spec.Addresses)
            {
                if (ExplicitEnd(link, entry, problems) is not { } end) continue;
                var cidrs = Explicit(link, end, entry, subnetOf, problems);
                foreach (var (cidr, text, path) in cidrs)
                    Claim(cidr.Address, $"{link.Path} ({end.Text})", text, path, used, problems);
                written[(link.Index, end)] = [.. cidrs.Select(c => new PlannedAddress(end.Ns, end.Name!, c.Cidr))];
            }
        }

        var stacked = new List<PlannedAddress>();
        foreach (var m in macvlans)
        {
            foreach (var entry in m.Spec.Addresses)
            {
                if (entry.Endpoint.Value != m.Device.Text)
                {
                    problems.Add(entry.Endpoint.Mark, $"{m.Path}.addresses['{entry.Endpoint.Value}']", m.NotTheEndpoint(entry.Endpoint.Value));
                    continue;
                }

                for (var i = 0; i < entry.Cidrs.Length; i++)
                {
                    var path = $"{m.Path}.addresses['{entry.Endpoint.Value}'][{i}]";
                    if (AddressRules.Interface(entry.Cidrs[i], path, problems) is not { } cidr) continue;
                    Claim(cidr.Address, $"{m.Path} ({m.Device.Text})", entry.Cidrs[i], path, used, problems);
                    stacked.Add(new PlannedAddress(m.Device.Ns, m.Device.Name!, cidr));
                }
            }
        }

        var all = ImmutableArray.CreateBuilder<PlannedAddress>();
        all.AddRange(bridgeAddresses);
        var automatic = ImmutableArray.CreateBuilder<AutoAddress>();
        var taken = used.Keys.ToHashSet();
        var pools = subnets.ToDictionary(s => (s.Bridge.Name, s.Subnet.IsV6), s => new Ipam(s.Subnet, s.Pool, taken));
        foreach (var link in links)
        {
            foreach (var end in link.Ends)
            {
                if (written.TryGetValue((link.Index, end), out var mine))
                {
                    all.AddRange(mine);
                    continue;
                }

                var other = end == link.A ? link.B : link.A;
                if (end.Kind != EndKind.Node || other.Bridge is null || !subnetOf.TryGetValue(other.Bridge.Name, out var bridgeSubnets)) continue;
                // One address per family, each from its own pool: a second family never renumbers the first.
                foreach (var bridge in bridgeSubnets)
                {
                    if (pools[(bridge.Bridge.Name, bridge.Subnet.IsV6)].Next() is { } cidr)
                    {
                        var address = new PlannedAddress(end.Ns, end.Name!, cidr);
                        all.Add(address);
                        automatic.Add(new AutoAddress(end, address, bridge));
                    }
                    else
                    {
                        var from = bridge.Pool == bridge.Subnet ? $"subnet {bridge.Subnet}" : $"ip_range {bridge.Pool}";
                        problems.Add(link.Spec.Mark, link.Path, $"no free address left in {from} of bridge '{bridge.Bridge.Name}' for {end.Text} (widen it or write an address for this end)");
                    }
                }
            }
        }

        // After the links' own, in file order among themselves: a node's first address stays the one its veth gives it.
        all.AddRange(stacked);
        return new AddressPlan(all.ToImmutable(), subnetOf, automatic.ToImmutable());
    }

    /// <summary>Addresses go on a node or host end; a bridge port carries none, its bridge does.</summary>
    private static Endpoint? ExplicitEnd(ResolvedLink link, EndpointAddresses entry, Problems problems)
    {
        var key = entry.Endpoint;
        var path = $"{link.Path}.addresses['{key.Value}']";
        if (link.EndWritten(key.Value) is not { } end)
        {
            problems.Add(key.Mark, path, link.NotAnEnd(key.Value));
            return null;
        }

        if (end.Kind != EndKind.BridgePort) return end;
        problems.Add(key.Mark, path, $"'{key.Value}' is a port of bridge '{end.Bridge!.Name}' and takes no address (give the bridge one with bridges.{end.Bridge.Name}.address)");
        return null;
    }

    private static List<(Cidr Cidr, Located<string> Written, string Path)> Explicit(
        ResolvedLink link, Endpoint end, EndpointAddresses entry, ImmutableDictionary<string, ImmutableArray<SubnetBridge>> subnetOf, Problems problems)
    {
        var other = end == link.A ? link.B : link.A;
        var bridgeSubnets = other.Bridge is { } b && subnetOf.TryGetValue(b.Name, out var s) ? s : [];
        var result = new List<(Cidr, Located<string>, string)>();
        for (var i = 0; i < entry.Cidrs.Length; i++)
        {
            var written = entry.Cidrs[i];
            var path = $"{link.Path}.addresses['{entry.Endpoint.Value}'][{i}]";
            if (AddressRules.Interface(written, path, problems) is not { } cidr) continue;
            // Only a family the bridge has a subnet of is constrained: an IPv6 address beside an IPv4 subnet is the user's business.
            if (bridgeSubnets.FirstOrDefault(x => x.Subnet.IsV6 == cidr.IsV6) is { } bridge
                && !AddressRules.InSubnet(cidr, bridge.Subnet, bridge.Bridge.Name, written, path, problems)) continue;
            result.Add((cidr, written, path));
        }

        return result;
    }

    /// <summary>
    /// One address, once in the whole lab. A bridge gateway nobody wrote is not reported when it
    /// repeats: its subnet overlapping another is the real mistake, and says so.
    /// </summary>
    private static void Claim(Ip ip, string owner, Located<string>? written, string path, Dictionary<Ip, string> used, Problems problems)
    {
        if (used.TryAdd(ip, owner) || written is null) return;
        problems.Add(written.Mark, path, $"address {ip} is already used by {used[ip]}");
    }
}
