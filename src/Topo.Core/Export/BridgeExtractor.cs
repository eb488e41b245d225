using System.Collections.Immutable;

namespace Topo.Core.Export;

/// <summary>
/// The bridges of an export: each with its address (as <c>subnet</c> + gateway when the pool would
/// leave its ports alone and their addresses fit, else as a plain address), masquerade and isolation
/// read back from the lab's rules, an MTU only when one was set, in the order the rules imply.
/// </summary>
internal sealed class BridgeExtractor(KernelView view, ExportOptions options, NatRecovery nat)
{
    private readonly List<string> _warnings = [];

    private static string? NetworkOf(InterfaceView bridge) => bridge.Addresses.FirstOrDefault() is { } a ? CidrText.Network(a) : null;

    public (ImmutableArray<ExportedBridge> Bridges, List<string> Warnings) Extract(IReadOnlyList<(NamespaceView Ns, InterfaceView Link)> all)
    {
        var order = BridgeOrder.Of([.. all.Select(b => (b.Link.Name, NetworkOf(b.Link)))], [.. view.NatRules.Select(r => r.Rule)]);
        return ([.. all.OrderBy(b => order.IndexOf(b.Link.Name)).Select(Bridge)], _warnings);
    }

    private ExportedBridge Bridge((NamespaceView Ns, InterfaceView Link) b)
    {
        var (ns, bridge) = b;
        var node = ns.Name.Length == 0 ? null : ns.Name;
        var network = bridge.Addresses.FirstOrDefault() is { } first ? CidrText.Network(first) : null;
        var masquerade = network is not null && nat.MasqueradedSubnets.Contains(network);
        var isolated = nat.IsolatedBridges.Contains(bridge.Name);
        if (bridge.Addresses.Length > 1)
            _warnings.Add($"bridge {TopologyExtractor.Where(ns, bridge)}: only its first address {bridge.Addresses[0]} is exported, not {string.Join(", ", bridge.Addresses.Skip(1))}");
        var mac = options.IncludeMacs ? bridge.Mac : null;
        var mtu = BridgeMtu(ns, bridge);
        if (network is null) return new ExportedBridge(bridge.Name, node, null, null, false, isolated, mac, mtu);

        // With subnet: the bridge is a gateway, a port's node without a written address would get one
        // from the pool, and every address on the far ends must lie in the subnet.
        var peers = PortPeers(ns, bridge.Name).ToList();
        var portsAddressed = peers.All(p => p.End.Addresses.All(a => CidrText.Fits(a, network))) &&
                             peers.Where(p => p.Node && p.End.Master is null).All(p => !p.End.Addresses.IsEmpty);
        if (!portsAddressed && masquerade)
            _warnings.Add($"bridge {TopologyExtractor.Where(ns, bridge)}: masquerade needs subnet:, which would give its unaddressed ports an address; exported without masquerade");
        return portsAddressed
            ? new ExportedBridge(bridge.Name, node, network, CidrText.Address(bridge.Addresses[0]), masquerade, isolated, mac, mtu)
            : new ExportedBridge(bridge.Name, node, null, bridge.Addresses[0], false, isolated, mac, mtu);
    }

    // A bridge's MTU follows its ports (the smallest; 1500 without any) unless it was set: only a set one is worth writing.
    private static int? BridgeMtu(NamespaceView ns, InterfaceView bridge)
    {
        var ports = ns.Interfaces.Where(i => i.Master == bridge.Name).Select(i => i.Mtu).ToList();
        return bridge.Mtu == (ports.Count == 0 ? TopologyExtractor.DefaultMtu : ports.Min()) ? null : bridge.Mtu;
    }

    // The far ends of a bridge's ports; the pool serves those in a node that are enslaved to nothing.
    private IEnumerable<(InterfaceView End, bool Node)> PortPeers(NamespaceView ns, string bridge) =>
        ns.Interfaces
            .Where(i => i.Master == bridge && i.Peer is not null)
            .Select(i => (End: view.Find(i.Peer!.Namespace)?.Find(i.Peer.Name), Node: i.Peer!.Namespace.Length > 0))
            .Where(p => p.End is not null)
            .Select(p => (p.End!, p.Node));
}
