using System.Collections.Immutable;
using Topo.Core.Model;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Validation;

/// <summary>A bridge with its place in the file and the namespace it lives in.</summary>
internal sealed record BridgePlace(int Index, BridgeSpec Spec, Netns Ns)
{
    public string Name => Spec.Name.Value;

    public string Path => $"bridges.{Name}";
}

/// <summary>
/// The nodes and bridges whose names are valid, in file order, with lookups by name. Objects
/// with bad names are reported here and left out, so later rules do not report them again.
/// </summary>
internal sealed record LabNames(
    ImmutableArray<NodeSpec> Nodes,
    ImmutableDictionary<string, NodeSpec> NodeByName,
    ImmutableArray<BridgePlace> Bridges,
    ImmutableDictionary<string, BridgePlace> BridgeByName,
    ImmutableDictionary<string, Netns> NamespaceOf)
{
    /// <summary>The namespace key of a valid node: its name, <see cref="Netns.Host"/>, or the path it attaches to.</summary>
    public Netns NsOf(string node) => NamespaceOf[node];

    /// <summary>Whether the node has a namespace of its own, which the lab makes and deletes.</summary>
    public bool OwnsNamespace(NodeSpec node) => NsOf(node.Name.Value) == node.Name.Value;

    /// <summary>The nodes in the host's namespace or an attached one.</summary>
    public ImmutableArray<SharedNamespace> Shared =>
        [.. Nodes.Where(n => !OwnsNamespace(n)).Select(n => new SharedNamespace(n.Name.Value, NsOf(n.Name.Value)))];

    public string NodeList => NameRules.List(Nodes.Select(n => n.Name.Value));

    public string BridgeList => NameRules.List(Bridges.Select(b => b.Name));

    public static LabNames Check(LabFile file, Problems problems)
    {
        var nodes = ImmutableArray.CreateBuilder<NodeSpec>();
        var nodeByName = ImmutableDictionary.CreateBuilder<string, NodeSpec>(StringComparer.Ordinal);
        foreach (var node in file.Nodes)
        {
            var name = node.Name;
            if (!NameRules.IsNodeName(name.Value))
                problems.Add(name.Mark, $"nodes.{NameRules.Shown(name.Value)}", NameRules.NodeMessage(name.Value));
            else if (name.Value == NameRules.Host)
                problems.Add(name.Mark, $"nodes.{name.Value}", "'host' is the root namespace and cannot be a node name (settings for it go under 'host:')");
            else if (!nodeByName.TryAdd(name.Value, node))
                problems.Add(name.Mark, $"nodes.{name.Value}", $"node '{name.Value}' is defined twice");
            else
                nodes.Add(node);
        }

        var nodeNames = nodeByName.ToImmutable();
        var namespaceOf = NodeNetworks.Place(nodes, problems);
        var nodeList = NameRules.List(nodes.Select(n => n.Name.Value));
        var bridges = ImmutableArray.CreateBuilder<BridgePlace>();
        var bridgeByName = ImmutableDictionary.CreateBuilder<string, BridgePlace>(StringComparer.Ordinal);
        foreach (var spec in file.Bridges)
        {
            var name = spec.Name;
            var path = $"bridges.{name.Value}";
            if (!NameRules.IsInterfaceName(name.Value))
            {
                problems.Add(name.Mark, $"bridges.{NameRules.Shown(name.Value)}", NameRules.InterfaceMessage("bridge", name.Value));
                continue;
            }

            if (name.Value == NameRules.Host)
            {
                problems.Add(name.Mark, path, "a bridge cannot be named 'host': endpoints 'host:IFNAME' mean the root namespace");
                continue;
            }

            // An endpoint 'NAME:IFNAME' could mean either one, so the clash is refused whatever the links say.
            if (nodeNames.ContainsKey(name.Value))
                problems.Add(name.Mark, path, $"bridge '{name.Value}' has the name of a node: endpoints '{name.Value}:IFNAME' would be ambiguous; rename one of them");

            var ns = Netns.Host;
            // 'node: host' says out loud what leaving it out means.
            if (spec.Node is { } owner && owner.Value != NameRules.Host)
            {
                if (nodeNames.ContainsKey(owner.Value))
                    ns = namespaceOf[owner.Value];
                else
                    problems.Add(owner.Mark, $"{path}.node", $"'{owner.Value}' names no node (nodes: {nodeList})");
            }

            var place = new BridgePlace(bridges.Count, spec, ns);
            if (bridgeByName.TryAdd(name.Value, place))
                bridges.Add(place);
            else
                problems.Add(name.Mark, path, $"bridge '{name.Value}' is defined twice");
        }

        return new LabNames(nodes.ToImmutable(), nodeNames, bridges.ToImmutable(), bridgeByName.ToImmutable(), namespaceOf);
    }
}
