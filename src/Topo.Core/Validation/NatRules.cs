using System.Collections.Immutable;
using Topo.Core.Model;
using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Core.Validation;

/// <summary>
/// The lab's nftables tables in each namespace that needs them: masquerade for masqueraded
/// bridges (NAT66 for their IPv6 subnets), drops between an isolated bridge and its neighbours and
/// around an internal one, and DNAT for published ports, in each family the node has an address in
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
        // Isolation in IPv6 too as soon as the lab has an IPv6 address: a bridge isolated in one family only is not isolated.
        NftFamily[] families = plan.All.Any(a => a.Cidr.IsV6) ? [NftFamily.Ip, NftFamily.Ip6] : [NftFamily.Ip];

        foreach (var bridge in names.Bridges)
        {
            if (bridge.Spec.Masquerade is { Value: true } masquerade)
            {
                foreach (var subnet in Masqueraded(bridge, masquerade, plan, problems))
                    In(bridge.Ns).AddRange([new MasqueradeRule(subnet) { Comment = $"masquerade {bridge.Name}" }, new HairpinMasqueradeRule(subnet) { Comment = $"hairpin {bridge.Name}" }]);
            }

            if (bridge.Spec.Isolated is { Value: true }) In(bridge.Ns);
            if (bridge.Spec.IsInternal)
            {
                foreach (var family in families)
                    In(bridge.Ns).AddRange(
                    [
                        new InternalRule(bridge.Name, Inbound: false) { In = family, Comment = $"internal {bridge.Name}" },
                        new InternalRule(bridge.Name, Inbound: true) { In = family, Comment = $"internal {bridge.Name}" },
                    ]);
            }
        }

        AddIsolation(names, rules, families);
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

                if (spec.HostIp == "::1")
                {
                    problems.Add(written.Mark, path, "[::1] cannot be published: the kernel drops IPv6 replies to ::1 that arrive on any interface but lo (IPv6 has no route_localnet), so only a proxy process such as docker-proxy could serve it; publish on 127.0.0.1 or on a host address");
                    continue;
                }

                if (published.Claim(spec, path) is { } earlier)
                {
                    problems.Add(written.Mark, path, $"host port {earlier.Port}/{spec.Protocol} is already published by {earlier.Path}");
                    continue;
                }

                var ns = names.NsOf(name);
                bool[] wanted = spec.HostIp is null ? [false, true] : [spec.HostIpIsV6];
                var found = wanted.Select(v6 => targets.GetValueOrDefault((ns, v6))).OfType<PortTarget>().ToList();
                if (found.Count == 0)
                {
                    var family = spec.HostIp is null ? "" : spec.HostIpIsV6 ? "IPv6 " : "IPv4 ";
                    problems.Add(written.Mark, path, $"node '{name}' publishes ports but has no {family}address on a bridge with a subnet (link it to one, e.g. [{name}:eth0, BRIDGE])" + (OnOverlay(links, ns) ? "; an overlay bridge's addresses are no host's, so no published port reaches them" : ""));
                    continue;
                }

                if (found.FirstOrDefault(t => t.Bridge.Spec.IsInternal) is { } closed)
                {
                    problems.Add(written.Mark, path, $"node '{name}' publishes ports on bridge '{closed.Bridge.Name}', which is internal: nothing outside reaches an internal bridge (docker publishes no port on an --internal network)");
                    continue;
                }

                var comment = NftRule.CommentOf($"ports {name} {spec.Canonical}");
                foreach (var target in found)
                {
                    In(target.Ns).AddRange(
                        [
                            new DnatRule(NftChain.Prerouting, spec.Protocol, spec.HostIp, spec.HostPort, target.Ip, spec.NodePort) { Count = spec.Count, Comment = comment },
                            new DnatRule(NftChain.Output, spec.Protocol, spec.HostIp, spec.HostPort, target.Ip, spec.NodePort) { Count = spec.Count, Comment = comment },
                        ]);
                    var loopback = new LoopbackMasqueradeRule(target.Bridge.Name) { Comment = $"loopback ports {target.Bridge.Name}" };
                    if (spec.HostIp is { } hostIp && hostIp.StartsWith("127.", StringComparison.Ordinal) && !In(target.Ns).Contains(loopback)) In(target.Ns).Add(loopback);
                }
            }
        }

        var order = new[] { Netns.Host }.Concat(names.Nodes.Select(n => names.NsOf(n.Name.Value))).Distinct();
        return [.. order.Where(rules.ContainsKey).Select(ns => new NftTableResource(ns, NftTableResource.TableName(lab), [.. rules[ns]]))];
    }

    /// <summary>
    /// The sysctls the tables need: <c>route_localnet</c> on each bridge a loopback port goes out by, without which
    /// the kernel drops a packet from 127.0.0.1 as a martian once it is routed out of lo. A key the file sets itself is the file's.
    /// </summary>
    public static ImmutableArray<SysctlResource> Sysctls(ImmutableArray<NftTableResource> tables, ImmutableArray<SysctlResource> declared) =>
    [
        .. tables.SelectMany(t => t.Rules.OfType<LoopbackMasqueradeRule>().Select(r => new SysctlResource(t.Ns, $"net.ipv4.conf.{r.Bridge}.route_localnet", "1")))
            .Where(s => !declared.Any(d => d.Key == s.Key)),
    ];

    private static IEnumerable<string> Masqueraded(BridgePlace bridge, Located<bool> masquerade, AddressPlan plan, Problems problems)
    {
        var path = $"{bridge.Path}.masquerade";
        if (bridge.Spec.IsInternal)
            problems.Add(masquerade.Mark, path, "an internal bridge has no way out to masquerade through; set masquerade or internal, not both");
        else if (bridge.Spec.Subnet is null)
            problems.Add(masquerade.Mark, path, "masquerade needs a subnet on the bridge (add subnet:, e.g. 172.17.0.0/16)");
        else if (plan.SubnetBridges.TryGetValue(bridge.Name, out var subnets))
            return subnets.Select(s => s.Subnet.ToString());
        return [];
    }

    /// <summary>Both directions for each isolated bridge and every other bridge of its namespace, each pair once, in each family.</summary>
    private static void AddIsolation(LabNames names, Dictionary<Netns, List<NftRule>> rules, NftFamily[] families)
    {
        var added = new HashSet<IsolationRule>();
        foreach (var group in names.Bridges.GroupBy(b => b.Ns))
        {
            foreach (var isolated in group.Where(b => b.Spec.Isolated is { Value: true }))
            {
                foreach (var other in group.Where(b => b != isolated))
                {
                    // Between two isolated bridges each drop names the one it leaves, so the name does not hang on bridge order.
                    foreach (var rule in new[] { new IsolationRule(isolated.Name, other.Name), new IsolationRule(other.Name, isolated.Name) })
                        if (added.Add(rule)) rules[group.Key].Add(rule with { Comment = $"isolated {(IsIsolated(group, rule.InBridge) ? rule.InBridge : rule.OutBridge)}" });
                }
            }
        }

        // The IPv6 table's twins follow the IPv4 ones, so an IPv4-only lab's table reads as before.
        foreach (var (ns, list) in rules)
        {
            if (families.Length > 1) list.AddRange(list.OfType<IsolationRule>().Where(r => r.In == NftFamily.Ip).Select(r => r with { In = NftFamily.Ip6 }).ToList());
        }
    }

    private static bool IsIsolated(IEnumerable<BridgePlace> bridges, string name) => bridges.Any(b => b.Name == name && b.Spec.Isolated is { Value: true });

    private static bool OnOverlay(ImmutableArray<ResolvedLink> links, Netns ns) =>
        links.Any(l => l.Ends.Any(e => e.Kind == EndKind.Node && e.Ns == ns) && l.Ends.Any(e => e.Bridge is { Spec.IsOverlay: true }));

    private sealed record PortTarget(Netns Ns, string Ip, BridgePlace Bridge);

    /// <summary>
    /// Each node's first address of each family on a subnet bridge, by link order, with the namespace where that
    /// bridge is; one on a bridge that is not internal first.
    /// </summary>
    private static Dictionary<(Netns Ns, bool V6), PortTarget> PortTargets(ImmutableArray<ResolvedLink> links, AddressPlan plan)
    {
        var onBridge = new Dictionary<(Netns, string), ImmutableArray<SubnetBridge>>();
        foreach (var link in links)
        {
            foreach (var (end, other) in new[] { (link.A, link.B), (link.B, link.A) })
            {
                // An overlay's address is no host's: the host cannot forward a published port to it.
                if (end.Kind == EndKind.Node && other.Bridge is { Spec.IsOverlay: false } b && plan.SubnetBridges.TryGetValue(b.Name, out var subnets))
                    onBridge[(end.Ns, end.Name!)] = subnets;
            }
        }

        var targets = new Dictionary<(Netns, bool), PortTarget>();
        foreach (var address in plan.All.OrderBy(a => onBridge.TryGetValue((a.Ns, a.Device), out var s) && s[0].Bridge.Spec.IsInternal))
        {
            if (!onBridge.TryGetValue((address.Ns, address.Device), out var subnets)) continue;
            if (subnets.FirstOrDefault(s => s.Subnet.IsV6 == address.Cidr.IsV6 && s.Subnet.Contains(address.Cidr.Address)) is { } subnet)
                targets.TryAdd((address.Ns, address.Cidr.IsV6), new PortTarget(subnet.Bridge.Ns, address.Cidr.Address.ToString(), subnet.Bridge));
        }

        return targets;
    }
}
