using System.Collections.Immutable;
using Topo.Core.Model;
using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Core.Validation;

/// <summary>
/// The lab's nftables table in each namespace that needs one: masquerade for masqueraded
/// bridges, drops between an isolated bridge and its neighbours, and DNAT for published ports
/// (see "Facts worth knowing" in the design for why each rule is there). Rules go by bridge
/// order, then node order, so the same file gives the same table.
/// </summary>
internal static class NatRules
{
    public static ImmutableArray<NftTableResource> Build(
        string lab, LabNames names, ImmutableArray<ResolvedLink> links, AddressPlan plan, Problems problems)
    {
        var rules = new Dictionary<Netns, List<NftRule>>();
        List<NftRule> In(Netns ns) => rules.TryGetValue(ns, out var list) ? list : rules[ns] = [];

        foreach (var bridge in names.Bridges)
        {
            if (bridge.Spec.Masquerade is { Value: true } masquerade && Masqueraded(bridge, masquerade, plan, problems) is { } subnet)
                In(bridge.Ns).AddRange([new MasqueradeRule(subnet), new HairpinMasqueradeRule(subnet)]);
            if (bridge.Spec.Isolated is { Value: true }) In(bridge.Ns);
        }

        AddIsolation(names, rules);
        var targets = PortTargets(links, plan);
        var published = new PublishedPorts();
        foreach (var node in names.Nodes)
        {
            var name = node.Name.Value;
            // A node on the host network may not publish ports (NodeNetworks says so); one error is enough.
            if (names.NsOf(name) == Netns.Host) continue;
            for (var i = 0; i < node.Ports.Length; i++)
            {
                var written = node.Ports[i];
                var path = $"nodes.{name}.ports[{i}]";
                var (spec, error) = PortSpecParser.Parse(written.Value);
                if (spec is null)
                {
                    problems.Add(written.Mark, path, $"{error} ({PortSpecParser.Syntax})");
                    continue;
                }

                if (published.Claim(spec, path) is { } earlier)
                    problems.Add(written.Mark, path, $"host port {spec.HostPort}/{spec.Protocol} is already published by {earlier}");
                else if (!targets.TryGetValue(names.NsOf(name), out var target))
                    problems.Add(written.Mark, path, $"node '{name}' publishes ports but has no IPv4 address on a bridge with a subnet (link it to one, e.g. [{name}:eth0, BRIDGE])" + (OnOverlay(links, names.NsOf(name)) ? "; an overlay bridge's addresses are no host's, so no published port reaches them" : ""));
                else
                    In(target.Ns).AddRange(
                        [
                            new DnatRule(NftChain.Prerouting, spec.Protocol, spec.HostIp, spec.HostPort, target.Ip, spec.NodePort),
                            new DnatRule(NftChain.Output, spec.Protocol, spec.HostIp, spec.HostPort, target.Ip, spec.NodePort),
                        ]);
            }
        }

        var order = new[] { Netns.Host }.Concat(names.Nodes.Select(n => names.NsOf(n.Name.Value))).Distinct();
        return [.. order.Where(rules.ContainsKey).Select(ns => new NftTableResource(ns, NftTableResource.TableName(lab), [.. rules[ns]]))];
    }

    private static string? Masqueraded(BridgePlace bridge, Located<bool> masquerade, AddressPlan plan, Problems problems)
    {
        var path = $"{bridge.Path}.masquerade";
        if (bridge.Spec.Subnet is null)
            problems.Add(masquerade.Mark, path, "masquerade needs a subnet on the bridge (add subnet:, e.g. 172.17.0.0/16)");
        else if (plan.SubnetBridges.TryGetValue(bridge.Name, out var subnets))
        {
            if (subnets.FirstOrDefault(s => !s.Subnet.IsV6) is { } v4) return v4.Subnet.ToString();
            problems.Add(masquerade.Mark, path, $"masquerade needs an IPv4 subnet; {subnets[0].Subnet} is IPv6");
        }

        return null;
    }

    /// <summary>Both directions for each isolated bridge and every other bridge of its namespace, each pair once.</summary>
    private static void AddIsolation(LabNames names, Dictionary<Netns, List<NftRule>> rules)
    {
        var added = new HashSet<IsolationRule>();
        foreach (var group in names.Bridges.GroupBy(b => b.Ns))
        {
            foreach (var isolated in group.Where(b => b.Spec.Isolated is { Value: true }))
            {
                foreach (var other in group.Where(b => b != isolated))
                {
                    foreach (var rule in new[] { new IsolationRule(isolated.Name, other.Name), new IsolationRule(other.Name, isolated.Name) })
                        if (added.Add(rule)) rules[group.Key].Add(rule);
                }
            }
        }
    }

    private static bool OnOverlay(ImmutableArray<ResolvedLink> links, Netns ns) =>
        links.Any(l => l.Ends.Any(e => e.Kind == EndKind.Node && e.Ns == ns) && l.Ends.Any(e => e.Bridge is { Spec.IsOverlay: true }));

    /// <summary>Each node's first IPv4 address on a subnet bridge, by link order, and the namespace where that bridge is.</summary>
    private static Dictionary<Netns, (Netns Ns, string Ip)> PortTargets(ImmutableArray<ResolvedLink> links, AddressPlan plan)
    {
        var onBridge = new Dictionary<(Netns, string), SubnetBridge>();
        foreach (var link in links)
        {
            foreach (var (end, other) in new[] { (link.A, link.B), (link.B, link.A) })
            {
                // An overlay's address is no host's: the host cannot forward a published port to it.
                if (end.Kind == EndKind.Node && other.Bridge is { Spec.IsOverlay: false } b && plan.SubnetBridges.TryGetValue(b.Name, out var subnets)
                    && subnets.FirstOrDefault(s => !s.Subnet.IsV6) is { } subnet)
                    onBridge[(end.Ns, end.Name!)] = subnet;
            }
        }

        var targets = new Dictionary<Netns, (Netns, string)>();
        foreach (var address in plan.All)
        {
            if (onBridge.TryGetValue((address.Ns, address.Device), out var subnet) && subnet.Subnet.Contains(address.Cidr.Address))
                targets.TryAdd(address.Ns, (subnet.Bridge.Ns, address.Cidr.Address.ToString()));
        }

        return targets;
    }
}
