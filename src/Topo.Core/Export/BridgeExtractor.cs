using System.Collections.Immutable;
using Topo.Core.State;

namespace Topo.Core.Export;

/// <summary>
/// The bridges of an export: each with its address (as <c>subnet</c> + gateway when the pool would
/// leave its ports alone and their addresses fit, else as a plain address), masquerade and isolation
/// read back from the lab's rules, an MTU only when one was set, in the order the rules imply.
/// </summary>
internal sealed class BridgeExtractor(HeldState view, ExportOptions options, NatRecovery nat)
{
    private readonly List<string> _warnings = [];

    private string? NetworkOf(HeldInterface bridge) => view.Addresses(bridge).FirstOrDefault() is { } a ? CidrText.Network(a) : null;

    public (ImmutableArray<ExportedBridge> Bridges, List<string> Warnings) Extract(IReadOnlyList<(Netns Ns, HeldInterface Link)> all)
    {
        var order = BridgeOrder.Of([.. all.Select(b => (b.Link.Name, NetworkOf(b.Link)))], [.. view.NatRules.Select(r => r.Rule)]);
        return ([.. all.OrderBy(b => order.IndexOf(b.Link.Name)).Select(Bridge)], _warnings);
    }

    private ExportedBridge Bridge((Netns Ns, HeldInterface Link) b)
    {
        var (ns, bridge) = b;
        var node = ns.IsHost ? null : ns.Id;
        var addresses = view.Addresses(bridge);
        var network = NetworkOf(bridge);
        var masquerade = network is not null && nat.MasqueradedSubnets.Contains(network);
        var isolated = nat.IsolatedBridges.Contains(bridge.Name);
        if (addresses.Length > 1)
            _warnings.Add($"bridge {TopologyExtractor.Where(ns, bridge)}: only its first address {addresses[0]} is exported, not {string.Join(", ", addresses.Skip(1))}");
        var mac = options.IncludeMacs ? bridge.End.Mac : null;
        var mtu = BridgeMtu(ns, bridge);
        if (network is null) return new ExportedBridge(bridge.Name, node, null, null, false, isolated, mac, mtu);

        // With subnet: the bridge is a gateway, a port's node without a written address would get one
        // from the pool, and every address on the far ends must lie in the subnet.
        var peers = PortPeers(ns, bridge.Name).ToList();
        var portsAddressed = peers.All(p => view.Addresses(p.End).All(a => CidrText.Fits(a, network))) &&
                             peers.Where(p => p.Node && p.End.End.Master is null).All(p => !view.Addresses(p.End).IsEmpty);
        if (!portsAddressed && masquerade)
            _warnings.Add($"bridge {TopologyExtractor.Where(ns, bridge)}: masquerade needs subnet:, which would give its unaddressed ports an address; exported without masquerade");
        return portsAddressed
            ? new ExportedBridge(bridge.Name, node, network, CidrText.Address(addresses[0]), masquerade, isolated, mac, mtu)
            : new ExportedBridge(bridge.Name, node, null, addresses[0], false, isolated, mac, mtu);
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
