using System.Collections.Immutable;
using Topo.Core.Model;

namespace Topo.Core.Validation;

/// <summary>
/// A bridge's <c>subnet</c>, <c>address</c> and <c>ip_range</c>. With a subnet the bridge is the
/// gateway: its first usable address, or <c>address</c> (a bare IP or a CIDR with the subnet's
/// prefix). Without one, <c>address</c> is a plain interface CIDR and <c>ip_range</c> has nothing to be a range of.
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
            if (spec.Subnet is null)
            {
                if (spec.IpRange is { } range)
                    problems.Add(range.Mark, $"{bridge.Path}.ip_range", "ip_range needs a subnet on the bridge (add subnet: with a network that holds it)");
                if (spec.Address is { } plain && AddressRules.Interface(plain, $"{bridge.Path}.address", problems) is { } cidr)
                    addresses.Add(new PlannedAddress(bridge.Ns, bridge.Name, cidr));
                continue;
            }

            var subnet = AddressRules.Network(spec.Subnet, $"{bridge.Path}.subnet", problems);
            if (subnet is null || !AddressRules.UnicastSubnet(subnet.Value, spec.Subnet, $"{bridge.Path}.subnet", problems)) continue;
            var pool = Pool(bridge, subnet.Value, problems);
            var gateway = Gateway(bridge, subnet.Value, problems);
            if (pool is null || gateway is null) continue;
            subnets.Add(new SubnetBridge(bridge, subnet.Value, gateway.Value, pool.Value));
            // An overlay's gateway would be on every host at once: it stays reserved, on no interface.
            if (!spec.IsOverlay) addresses.Add(new PlannedAddress(bridge.Ns, bridge.Name, gateway.Value));
        }

        ReportOverlaps(subnets, problems);
        return (subnets.ToImmutable(), addresses.ToImmutable());
    }

    private static Cidr? Pool(BridgePlace bridge, Cidr subnet, Problems problems)
    {
        if (bridge.Spec.IpRange is not { } written) return subnet;
        var path = $"{bridge.Path}.ip_range";
        if (AddressRules.Network(written, path, problems) is not { } range) return null;
        if (subnet.Contains(range)) return range;
        problems.Add(written.Mark, path, $"ip_range {range} is not inside subnet {subnet} (pick a range within it, e.g. {new Cidr(subnet.Address, Math.Min(subnet.Prefix + 4, subnet.Address.Bits)).Network})");
        return null;
    }

    private static Cidr? Gateway(BridgePlace bridge, Cidr subnet, Problems problems)
    {
        if (bridge.Spec.Address is not { } written) return new Cidr(subnet.FirstUsable, subnet.Prefix);
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
                    problems.Add(later.Bridge.Spec.Subnet!.Mark, $"{later.Bridge.Path}.subnet",
                        $"subnet {later.Subnet} overlaps subnet {earlier.Subnet} of bridge '{earlier.Bridge.Name}'");
                }

                if (widest is null || next.Subnet.Last.Value > widest.Subnet.Last.Value) widest = next;
            }
        }
    }
}
