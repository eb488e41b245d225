using System.Collections.Immutable;
using Topo.Core.Model;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Validation;

/// <summary>
/// Reads each link's two ends: <c>NODE:IFNAME</c>, <c>host:IFNAME</c>, or <c>BRIDGE[:IFNAME]</c>.
/// A bridge end lands in the bridge's namespace, enslaved to it.
/// </summary>
internal static class EndpointResolver
{
    public static ImmutableArray<ResolvedLink> Resolve(LabFile file, LabNames names, Problems problems)
    {
        var links = ImmutableArray.CreateBuilder<ResolvedLink>();
        for (var i = 0; i < file.Links.Length; i++)
        {
            var spec = file.Links[i];
            var path = $"links[{i}]";
            if (spec.IsDevice) continue;
            if (spec.Endpoints.Length != 2)
            {
                problems.Add(spec.Mark, path, $"a link joins exactly two endpoints, found {spec.Endpoints.Length} (e.g. [box1:eth0, docker0])");
                continue;
            }

            var a = Read(spec.Endpoints[0], names, path, problems);
            var b = Read(spec.Endpoints[1], names, path, problems);
            if (a is null || b is null || !Compatible(a, b, path, problems)) continue;
            links.Add(new ResolvedLink(i, spec, a, b));
        }

        return links.ToImmutable();
    }

    /// <param name="role">What the text is called in messages: a link's <c>endpoint</c>, a macvlan's <c>parent</c>.</param>
    public static Endpoint? Read(Located<string> written, LabNames names, string path, Problems problems, string role = "endpoint")
    {
        var text = written.Value;
        var colon = text.IndexOf(':');
        var owner = colon < 0 ? text : text[..colon];
        var ifname = colon < 0 ? null : text[(colon + 1)..];
        if (ifname is not null && !NameRules.IsInterfaceName(ifname))
        {
            problems.Add(written.Mark, path, $"{role} '{NameRules.Shown(text)}': " + NameRules.InterfaceMessage("interface", ifname));
            return null;
        }

        if (owner == NameRules.Host)
        {
            if (ifname is not null) return new Endpoint(written, EndKind.Host, Netns.Host, ifname, null);
            problems.Add(written.Mark, path, $"{role} 'host' needs an interface name (e.g. 'host:veth0')");
            return null;
        }

        if (names.NodeByName.TryGetValue(owner, out var node))
        {
            if (NodeNetworks.HasNoNetwork(node))
            {
                problems.Add(written.Mark, path, $"node '{owner}' has network: none (loopback only) and takes no links; remove this link or the network: none");
                return null;
            }

            if (ifname is not null) return new Endpoint(written, EndKind.Node, names.NsOf(owner), ifname, null);
            problems.Add(written.Mark, path, $"{role} '{text}' is a node without an interface name (e.g. '{owner}:eth0')");
            return null;
        }

        if (names.BridgeByName.TryGetValue(owner, out var bridge))
            return new Endpoint(written, EndKind.BridgePort, bridge.Ns, ifname, bridge);

        var message = ifname is null
            ? $"{role} '{text}' names no bridge (bridges: {names.BridgeList}; a node end needs ':IFNAME')"
            : names.Bridges.IsEmpty
                ? $"{role} '{text}' names no node (nodes: {names.NodeList})"
                : $"{role} '{text}' names no node or bridge (nodes: {names.NodeList}; bridges: {names.BridgeList})";
        problems.Add(written.Mark, path, message);
        return null;
    }

    /// <summary>
    /// Both ends on bridges is a trunk between two switches, which only makes sense across
    /// namespaces: two bridges of one namespace joined by a veth would merge their segments
    /// behind the back of <c>isolated</c> and <c>masquerade</c>.
    /// </summary>
    private static bool Compatible(Endpoint a, Endpoint b, string path, Problems problems)
    {
        if (a.Bridge is { } ba && b.Bridge is { } bb)
        {
            if (ba == bb)
            {
                problems.Add(b.Written.Mark, path, $"both ends are on bridge '{ba.Name}': a veth from a bridge to itself is a loop");
                return false;
            }

            if (ba.Ns == bb.Ns)
            {
                problems.Add(b.Written.Mark, path, $"bridges '{ba.Name}' and '{bb.Name}' are both in {ba.Ns.Display}: a veth between bridges must join two namespaces (one bridge with 'node:')");
                return false;
            }
        }

        if (a.Name is not null && a.Ns == b.Ns && a.Name == b.Name)
        {
            problems.Add(b.Written.Mark, path, $"both ends are interface '{a.Name}' in {a.Ns.Display}: the two ends need different names");
            return false;
        }

        return true;
    }
}
