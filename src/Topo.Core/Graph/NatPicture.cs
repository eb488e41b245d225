using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Core.Graph;

/// <summary>
/// The lab's nftables rules as parts of the picture: a masqueraded subnet on the line from its
/// bridge to the host, a published port as an arrow from the host to the node, isolation as a line
/// between two bridges. The hairpin masquerade and the output-chain twin of each port are how a
/// port works, not more ports, so they are not drawn.
/// </summary>
internal sealed class NatPicture(GraphDraft draft, InterfaceAddresses interfaces)
{
    private readonly HashSet<(string, string)> _isolated = [];

    public void Add(NftTableResource table, ObjectState state)
    {
        foreach (var rule in table.Rules)
        {
            switch (rule)
            {
                case MasqueradeRule m: Masquerade(table.Ns, m.Subnet, state); break;
                case DnatRule { Chain: NftChain.Prerouting } d: Port(table.Ns, d, state); break;
                case IsolationRule i: Isolation(table.Ns, i, state); break;
            }
        }
    }

    private void Masquerade(Netns ns, string subnet, ObjectState state)
    {
        var bridges = interfaces.DevicesIn(ns, subnet).Select(d => draft.FindBridge(ns, d)).OfType<NodeDraft>().ToList();
        foreach (var bridge in bridges) bridge.Masquerade = state;
        if (bridges.Count == 0) draft.Detail(ns, $"masquerade {subnet}", state);
    }

    private void Port(Netns ns, DnatRule rule, ObjectState state)
    {
        var label = $"{(rule.HostIp is null ? "" : rule.HostIp + ":")}{rule.HostPort}/{rule.Protocol} → {rule.NodeIp}:{rule.NodePort}";
        if (interfaces.NamespaceHolding(rule.NodeIp) is { } target)
            draft.Edge(draft.Namespace(ns), draft.Namespace(target), GraphEdgeKind.Port, null, null, draft.Line(label, state), state);
        else
            draft.Detail(ns, $"port {label}", state);
    }

    private void Isolation(Netns ns, IsolationRule rule, ObjectState state)
    {
        var pair = string.CompareOrdinal(rule.InBridge, rule.OutBridge) <= 0 ? (rule.InBridge, rule.OutBridge) : (rule.OutBridge, rule.InBridge);
        if (!_isolated.Add(pair)) return;
        if (draft.FindBridge(ns, pair.Item1) is { } one && draft.FindBridge(ns, pair.Item2) is { } other)
            draft.Edge(one, other, GraphEdgeKind.Isolation, null, null, draft.Line("isolated", state), state);
    }
}
