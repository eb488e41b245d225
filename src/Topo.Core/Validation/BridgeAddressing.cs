using System.Collections.Immutable;
using Topo.Core.Model;

namespace Topo.Core.Validation;

/// <summary>
/// A bridge's <c>subnet</c>, <c>address</c> and <c>ip_range</c>: one subnet, or one per family (dual stack), each
/// with at most one ip_range of its family. In each subnet the bridge is the gateway: its first usable address,
/// or <c>address</c> (a bare IP or a CIDR with the subnet's prefix) in the subnet of its family. Without a subnet,
/// <c>address</c> is a plain interface CIDR and <c>ip_range</c> has nothing to be a range of.
/// </summary>
internal static class BridgeAddressing
{
    public static (ImmutableArray<SubnetBridge> Subnets, ImmutableArray<PlannedAddress> Addresses) Check(LabNames names, Problems problems)
    {
        var subnets = ImmutableArray.CreateBuilder<SubnetBridge>();
        var addresses = ImmutableArray.CreateBuilder<PlannedAddress>();
        foreach (var bridge in names.Bridges)
        {
            var spec = bridge.Spec;
            if (spec.Subnets.IsEmpty)
            {
                if (spec.IpRange is { } range)
                    problems.Add(range.Mark, $"{bridge.Path}.ip_range", "ip_range needs a subnet on the bridge (add subnet: with a network that holds it)");
                if (spec.Address is { } plain && AddressRules.Interface(plain, $"{bridge.Path}.address", problems) is { } cidr)
                    addresses.Add(new PlannedAddress(bridge.Ns, bridge.Name, cidr));
                continue;
            }

            var valid = Subnets(bridge, problems);
            if (valid.Count == 0) continue;
            var ranges = Ranges(bridge, problems);
            var gatewayFamily = spec.Address is { } address ? FamilyOf(address, $"{bridge.Path}.address", problems) : null;
            if (spec.Address is not null && gatewayFamily is null) continue;
            foreach (var (subnet, written, path) in valid)
            {
                var pool = ranges.Remove(subnet.IsV6, out var range) ? Pool(subnet, range, problems) : subnet;
                var gateway = gatewayFamily == subnet.IsV6 ? Gateway(bridge, subnet, problems) : new Cidr(subnet.FirstUsable, subnet.Prefix);
                if (pool is null || gateway is null) continue;
                subnets.Add(new SubnetBridge(bridge, subnet, gateway.Value, pool.Value) { Written = written, Path = path });
                // An overlay's gateway would be on every host at once: it stays reserved, on no interface.
                if (!spec.IsOverlay) addresses.Add(new PlannedAddress(bridge.Ns, bridge.Name, gateway.Value));
            }

            // A subnet of the family that was written but is wrong has its own error already.
            bool Written(bool v6) => spec.Subnets.Any(w => w.Value.Contains(':') == v6);
            foreach (var (v6, (range, text, path)) in ranges.Where(r => !Written(r.Key)))
                problems.Add(text.Mark, path, $"ip_range {range} is {range.Address.Family} but bridge '{bridge.Name}' has no {range.Address.Family} subnet (add one to subnet:, e.g. [172.20.0.0/16, fd00:20::/64])");
            if (gatewayFamily is { } family && !Written(family))
                problems.Add(spec.Address!.Mark, $"{bridge.Path}.address", $"address {spec.Address.Value} is {FamilyName(family)} but bridge '{bridge.Name}' has no {FamilyName(family)} subnet (write the gateway of one of its subnets, or add a subnet of that family)");
        }

        ReportOverlaps(subnets, problems);
        return (subnets.ToImmutable(), addresses.ToImmutable());
    }

    private static string PathOf(BridgePlace bridge, string key, int index, int count) => count > 1 ? $"{bridge.Path}.{key}[{index}]" : $"{bridge.Path}.{key}";

    /// <summary>The bridge's valid subnets, at most one per family, in the order written.</summary>
    private static List<(Cidr Subnet, Located<string> Written, string Path)> Subnets(BridgePlace bridge, Problems problems)
    {
        var result = new List<(Cidr Subnet, Located<string> Written, string Path)>();
        var written = bridge.Spec.Subnets;
        for (var i = 0; i < written.Length; i++)
        {
            var path = PathOf(bridge, "subnet", i, written.Length);
            if (AddressRules.Network(written[i], path, problems) is not { } subnet || !AddressRules.UnicastSubnet(subnet, written[i], path, problems)) continue;
            if (result.FindIndex(s => s.Subnet.IsV6 == subnet.IsV6) is >= 0 and var first)
            {
                problems.Add(written[i].Mark, path, $"bridge '{bridge.Name}' has two {subnet.Address.Family} subnets ({result[first].Subnet} and {subnet}); a bridge takes one IPv4 and one IPv6 subnet, e.g. [172.20.0.0/16, fd00:20::/64]");
                continue;
            }

            result.Add((subnet, written[i], path));
        }

        return result;
    }

    /// <summary>The written ip_ranges by family (true: IPv6), each read as a network; a second one of a family is refused.</summary>
    private static Dictionary<bool, (Cidr Range, Located<string> Written, string Path)> Ranges(BridgePlace bridge, Problems problems)
    {
        var result = new Dictionary<bool, (Cidr, Located<string>, string)>();
        var written = bridge.Spec.IpRanges;
        for (var i = 0; i < written.Length; i++)
        {
            var path = PathOf(bridge, "ip_range", i, written.Length);
            if (AddressRules.Network(written[i], path, problems) is not { } range) continue;
            if (!result.TryAdd(range.IsV6, (range, written[i], path)))
                problems.Add(written[i].Mark, path, $"bridge '{bridge.Name}' has two {range.Address.Family} ip_ranges ({result[range.IsV6].Item1} and {range}); write one per family");
        }

        return result;
    }

    private static string FamilyName(bool v6) => v6 ? "IPv6" : "IPv4";

    /// <summary>The family of the gateway written as <c>address</c> (a bare IP or a CIDR; true: IPv6), or null when it is neither.</summary>
    private static bool? FamilyOf(Located<string> written, string path, Problems problems) =>
        Ip.Parse(written.Value) is { } bare ? bare.IsV6 : AddressRules.Interface(written, path, problems)?.IsV6;

    private static Cidr? Pool(Cidr subnet, (Cidr Range, Located<string> Written, string Path) range, Problems problems)
    {
        if (subnet.Contains(range.Range)) return range.Range;
        problems.Add(range.Written.Mark, range.Path, $"ip_range {range.Range} is not inside subnet {subnet} (pick a range within it, e.g. {new Cidr(subnet.Address, Math.Min(subnet.Prefix + 4, subnet.Address.Bits)).Network})");
        return null;
    }

    private static Cidr? Gateway(BridgePlace bridge, Cidr subnet, Problems problems)
    {
        var written = bridge.Spec.Address!;
        var path = $"{bridge.Path}.address";
        var cidr = Ip.Parse(written.Value) is { } bare ? new Cidr(bare, subnet.Prefix) : AddressRules.Interface(written, path, problems);
        if (cidr is not { } gateway) return null;
        return AddressRules.InSubnet(gateway, subnet, bridge.Name, written, path, problems)
            && AddressRules.Usable(gateway, written, path, problems)
                ? gateway
                : null;
    }

    /// <summary>Sorted by first address, each subnet is checked against the widest reach so far: n log n, not every pair.</summary>
    private static void ReportOverlaps(IEnumerable<SubnetBridge> subnets, Problems problems)
    {
        foreach (var family in subnets.GroupBy(s => s.Subnet.IsV6))
        {
            SubnetBridge? widest = null;
            foreach (var next in family.OrderBy(s => s.Subnet.First.Value).ThenBy(s => s.Bridge.Index))
            {
                if (widest is not null && next.Subnet.First.Value <= widest.Subnet.Last.Value)
                {
                    var (earlier, later) = widest.Bridge.Index < next.Bridge.Index ? (widest, next) : (next, widest);
                    problems.Add(later.Written.Mark, later.Path,
                        $"subnet {later.Subnet} overlaps subnet {earlier.Subnet} of bridge '{earlier.Bridge.Name}'");
                }

                if (widest is null || next.Subnet.Last.Value > widest.Subnet.Last.Value) widest = next;
            }
        }
    }
}
