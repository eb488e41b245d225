using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Capture;

/// <summary>
/// Where <c>topo capture</c> listens: an interface of the lab in the namespace it lives in. <see cref="Shown"/> is
/// how lines and the pcapng file name it (<c>web:eth0</c>, <c>host:veth1a2b3c4d</c>, <c>docker0</c>).
/// </summary>
public sealed record CaptureTarget(Netns Ns, string Interface, string Shown);

/// <summary>
/// <c>NODE:IF</c>, <c>host:IF</c> or <c>BRIDGE</c> against the lab file's desired state: an interface the file makes
/// (or a node's loopback), or an error that names what there is to choose from.
/// </summary>
public static class CaptureTargets
{
    public static (CaptureTarget? Target, string? Error) Resolve(LabState desired, string text)
    {
        var interfaces = desired.Resources.SelectMany(r => r.Interfaces).ToList();
        var bridges = desired.Resources.OfType<BridgeResource>().Select(b => b.Device).ToList();
        var nodes = Nodes(desired);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            if (bridges.FirstOrDefault(b => b.Name == text) is { } bridge)
                return (new CaptureTarget(bridge.Namespace, bridge.Name, bridge.Namespace.IsHost ? bridge.Name : $"{bridge.Namespace.Display}:{bridge.Name}"), null);
            var hint = nodes.ContainsKey(text) || text == "host" ? $"'{text}' is a node: name one of its interfaces ({text}:IF)" : $"lab '{desired.Lab}' has no bridge '{text}'";
            return (null, $"{hint}; bridges: {List(bridges.Select(b => b.Name))}; or NODE:IF, nodes: {List(nodes.Keys)}");
        }

        var (node, name) = (text[..colon], text[(colon + 1)..]);
        Netns ns;
        if (node == "host") ns = Netns.Host;
        else if (nodes.TryGetValue(node, out var found)) ns = found;
        else return (null, $"lab '{desired.Lab}' has no node '{node}'; nodes: {List(nodes.Keys)}, or host:IF, or a bridge: {List(bridges.Select(b => b.Name))}");

        var own = interfaces.Where(i => i.Namespace == ns).Select(i => i.Name).Distinct().ToList();
        // Every namespace of a node has a loopback; the host's is no interface of the lab.
        if (!ns.IsHost) own.Add("lo");
        if (own.Contains(name)) return (new CaptureTarget(ns, name, text), null);
        var choices = interfaces.Where(i => i.Namespace == ns).Select(i => Choice(i, desired)).Distinct().Concat(ns.IsHost ? [] : ["lo"]);
        var where = ns.IsHost ? "the host has no interface of the lab" : $"node '{node}' has no interface";
        return (null, $"{where} named '{name}'; {(ns.IsHost ? "the lab's" : "its")} interfaces: {List(choices)}");
    }

    private static Dictionary<string, Netns> Nodes(LabState desired)
    {
        var nodes = desired.Resources.OfType<NamespaceResource>().ToDictionary(n => n.Name, n => (Netns)n.Name, StringComparer.Ordinal);
        foreach (var shared in desired.Shared) nodes.TryAdd(shared.Node, shared.Ns);
        return nodes;
    }

    // A veth end with a generated name says little, and the other end of a node's cable is what to capture next:
    // each end is shown with its peer, as the capture target to write for it.
    private static string Choice(LinkEnd end, LabState desired) =>
        desired.Resources.OfType<VethResource>().FirstOrDefault(v => v.A == end || v.B == end) is { } veth
            ? $"{end.Name} (peer of {Target(veth.A == end ? veth.B : veth.A)})"
            : end.Name;

    private static string Target(LinkEnd end) => $"{end.Namespace.Display}:{end.Name}";

    private static string List(IEnumerable<string> names) => names.ToList() is { Count: > 0 } list ? string.Join(", ", list.Order(StringComparer.Ordinal)) : "none";
}
