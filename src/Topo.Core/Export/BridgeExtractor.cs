using System.Collections.Immutable;
using Topo.Core.State;

namespace Topo.Core.Export;

/// <summary>
/// The bridges of an export: each with its addresses (as <c>subnet</c>, one per family, with the gateway, when the
/// pool would leave its ports alone and their addresses fit, else as a plain address), masquerade, isolation and
/// internal read back from the lab's rules, an MTU only when one was set, in the order the rules imply.
/// </summary>
internal sealed class BridgeExtractor(HeldState view, ExportOptions options, NatRecovery nat)
{
    private readonly List<string> _warnings = [];

    // The bridge's first address of each family, IPv4 first as Docker lists them: one subnet per family is all a file can say.
    private ImmutableArray<string> Gateways(HeldInterface bridge) =>
        [.. view.Addresses(bridge).GroupBy(IsV6).OrderBy(g => g.Key).Select(g => g.First())];

    private static bool IsV6(string cidr) => cidr.Contains(':', StringComparison.Ordinal);

    public (ImmutableArray<ExportedBridge> Bridges, List<string> Warnings) Extract(IReadOnlyList<(Netns Ns, HeldInterface Link)> all)
    {
        var order = BridgeOrder.Of(
            [.. all.Select(b => (b.Link.Name, (IReadOnlyList<string>)[.. Gateways(b.Link).Select(CidrText.Network)]))],
            [.. view.NatRules.Select(r => r.Rule)]);
        return ([.. all.OrderBy(b => order.IndexOf(b.Link.Name)).Select(Bridge)], _warnings);
    }

    private ExportedBridge Bridge((Netns Ns, HeldInterface Link) b)
    {
        var (ns, bridge) = b;
        var node = ns.IsHost ? null : ns.Id;
        var where = TopologyExtractor.Where(ns, bridge);
        var addresses = view.Addresses(bridge);
        var isolated = nat.IsolatedBridges.Contains(bridge.Name);
        var mac = options.IncludeMacs ? bridge.End.Mac : null;
        var mtu = BridgeMtu(ns, bridge);
        var plain = new ExportedBridge(bridge.Name, node, [], addresses.FirstOrDefault(), false, isolated, mac, mtu) { Internal = nat.InternalBridges.Contains(bridge.Name) };
        if (addresses.IsEmpty) return plain;

        var subnets = OneGatewayWritten(where, [.. Gateways(bridge).Select(g => new ExportedSubnet(CidrText.Network(g), CidrText.Address(g)))]);
        var networks = subnets.Select(s => s.Network).ToList();
        var masqueraded = networks.Where(nat.MasqueradedSubnets.Contains).ToList();
        var masquerade = masqueraded.Count == networks.Count;
        if (!masquerade && masqueraded.Count > 0)
            _warnings.Add($"bridge {where}: only {string.Join(", ", masqueraded)} of its subnets is masqueraded, and masquerade: true masquerades them all; exported without masquerade");

        // With subnet: the bridge is a gateway, a port's node without a written address would get one
        // from the pool (of each family), and every address on the far ends must lie in the subnet of its family.
        var peers = PortPeers(ns, bridge.Name).ToList();
        var portsAddressed = peers.All(p => view.Addresses(p.End).All(a => networks.All(n => CidrText.Fits(a, n)))) &&
                             peers.Where(p => p.Node && p.End.End.Master is null).All(p => !view.Addresses(p.End).IsEmpty);
        if (portsAddressed)
        {
            Unsaid(where, addresses.Except(Gateways(bridge)), "of each family");
            return plain with { Subnets = subnets, Address = null, Masquerade = masquerade };
        }

        if (masquerade)
            _warnings.Add($"bridge {where}: masquerade needs subnet:, which would give its unaddressed ports an address; exported without masquerade");
        Unsaid(where, addresses.Skip(1), "");
        return plain;
    }

    private void Unsaid(string where, IEnumerable<string> addresses, string which)
    {
        var left = addresses.ToList();
        if (left.Count > 0) _warnings.Add($"bridge {where}: only its first address{(which.Length > 0 ? " " + which : "")} is exported, not {string.Join(", ", left)}");
    }

    /// <summary>
    /// A file sets the gateway of one family; the other's is its subnet's first usable address. A second
    /// gateway set elsewhere cannot be written: that family's subnet is left out, and said.
    /// </summary>
    private ImmutableArray<ExportedSubnet> OneGatewayWritten(string where, ImmutableArray<ExportedSubnet> subnets)
    {
        if (subnets.Count(s => !s.GatewayIsFirst) < 2) return subnets;
        var last = subnets[^1];
        _warnings.Add($"bridge {where}: a file sets the gateway of one family only, and {last.Gateway} is not the first address of {last.Network}; that subnet is not exported");
        return subnets.RemoveAt(subnets.Length - 1);
    }

    // A bridge's MTU follows its ports (the smallest; 1500 without any) unless it was set: only a set one is worth writing.
    private int? BridgeMtu(Netns ns, HeldInterface bridge)
    {
        var ports = view.Interfaces(ns).Where(i => i.End.Master == bridge.Name).Select(i => i.End.Mtu).ToList();
        return bridge.End.Mtu == (ports.Count == 0 ? TopologyExtractor.DefaultMtu : ports.Min()) ? null : bridge.End.Mtu;
    }

    // The far ends of a bridge's ports; the pool serves those in a node that are enslaved to nothing.
    private IEnumerable<(HeldInterface End, bool Node)> PortPeers(Netns ns, string bridge) =>
        view.Interfaces(ns)
            .Where(i => i.End.Master == bridge && i.Facts.Peer is not null)
            .Select(i => (End: view.Find(i.Facts.Peer), Node: !i.Facts.Peer!.Namespace.IsHost))
            .Where(p => p.End is not null)
            .Select(p => (p.End!, p.Node));
}
