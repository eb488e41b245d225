using System.Collections.Immutable;
using Topo.Core.Model;
using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Core.Validation;

/// <summary>
/// The routes of the host and each node, and the default routes a node gets: per family, via the gateway of
/// the first bridge that gave it an automatic address of that family (unless it declares its own default).
/// </summary>
internal static class RouteRules
{
    public const string Default = "default";

    public static ImmutableArray<RouteResource> Resolve(
        LabFile file, LabNames names, LabInterfaces interfaces, AddressPlan plan, Problems problems)
    {
        var routes = ImmutableArray.CreateBuilder<RouteResource>();
        var seen = new Dictionary<(Netns Ns, string To), (string Path, RouteResource Route)>();
        routes.AddRange(Declared(Netns.Host, "host", file.Host.Routes, interfaces, plan, seen, problems));
        // Keyed by family too: an IPv4 default never stands in for the IPv6 one, nor the other way round.
        var firstAuto = new Dictionary<(Netns Ns, bool V6), AutoAddress>();
        // An internal bridge is no way out: its nodes get no default route through it, as Docker's --internal.
        foreach (var auto in plan.Automatic.Where(a => !a.Bridge.Bridge.Spec.IsOverlay && !a.Bridge.Bridge.Spec.IsInternal)) firstAuto.TryAdd((auto.End.Ns, auto.Bridge.Subnet.IsV6), auto);

        foreach (var node in names.Nodes)
        {
            var ns = names.NsOf(node.Name.Value);
            var declared = Declared(ns, $"nodes.{node.Name.Value}", node.Routes, interfaces, plan, seen, problems);
            routes.AddRange(declared);
            // The host's default route is the machine's own way out: a node on the host network never takes it over.
            if (ns.IsHost) continue;
            foreach (var v6 in new[] { false, true })
            {
                if (!firstAuto.TryGetValue((ns, v6), out var auto)) continue;
                var gateway = auto.Bridge.Gateway.Address;
                var to = DefaultOf(v6);
                if (declared.All(r => r.To != to))
                    routes.Add(new RouteResource(ns, to, gateway.ToString(), null) { GatewayAddress = auto.Address.Resource.Key });
            }
        }

        return routes.ToImmutable();
    }

    /// <summary>
    /// The key of a family's default route. The kernel keeps an IPv4 and an IPv6 default apart and
    /// reads them back as <c>default</c> and <c>::/0</c>: one route per family and destination.
    /// </summary>
    public static string DefaultOf(bool v6) => v6 ? "::/0" : Default;

    // 'default' alone is IPv6's when its gateway is, as for ip -6; out of a device only, it is IPv4's, as for ip.
    private static string KeyOf(Cidr? to, Located<string>? via) => to switch
    {
        { Prefix: 0 } d => DefaultOf(d.IsV6),
        { } d => d.ToString(),
        null => DefaultOf(via?.Value.Contains(':') == true),
    };

    private static List<RouteResource> Declared(
        Netns ns, string owner, ImmutableArray<RouteSpec> specs, LabInterfaces interfaces, AddressPlan plan,
        Dictionary<(Netns, string), (string Path, RouteResource Route)> seen, Problems problems)
    {
        var result = new List<RouteResource>();
        for (var i = 0; i < specs.Length; i++)
        {
            var spec = specs[i];
            var path = $"{owner}.routes[{i}]";
            var to = spec.To.Value == Default ? null : AddressRules.Network(spec.To, $"{path}.to", problems);
            if (to is null && spec.To.Value != Default) continue;
            var key = KeyOf(to, spec.Via);
            if (seen.TryGetValue((ns, key), out var earlier) && earlier.Path.StartsWith(owner + ".", StringComparison.Ordinal))
            {
                problems.Add(spec.To.Mark, $"{path}.to", $"a route to {key} is already declared in {ns.Display} ({earlier.Path})");
                continue;
            }

            if (spec.Via is null && spec.Dev is null)
            {
                problems.Add(spec.Mark, path, $"a route needs via: (a gateway address) or dev: (an interface), e.g. {{to: {spec.To.Value}, via: 10.0.0.1}}");
                continue;
            }

            var gateway = spec.Via is { } via ? Gateway(ns, via, to, $"{path}.via", plan, problems) : null;
            if (spec.Via is not null && gateway is null) continue;
            if (spec.Dev is { } dev && !interfaces.Has(ns, dev.Value))
            {
                problems.Add(dev.Mark, $"{path}.dev", $"dev '{dev.Value}' names no interface the lab puts in {ns.Display} (interfaces: {interfaces.ListIn(ns)})");
                continue;
            }

            var route = new RouteResource(ns, key, gateway?.Via.ToString(), spec.Dev?.Value) { GatewayAddress = gateway?.Address.Resource.Key };
            if (seen.TryGetValue((ns, key), out var other))
            {
                // A node on the host network declares the host's routes: the same route twice is one route.
                if (other.Route != route)
                    problems.Add(spec.To.Mark, $"{path}.to", $"a route to {key} is declared differently in {ns.Display} by {other.Path} (a node on the host network declares the host's routes); declare it once");
                continue;
            }

            seen[(ns, key)] = (path, route);
            result.Add(route);
        }

        return result;
    }

    /// <summary>The kernel takes a gateway only inside a subnet the namespace is connected to, and never one of its own addresses.</summary>
    private static (Ip Via, PlannedAddress Address)? Gateway(Netns ns, Located<string> written, Cidr? to, string path, AddressPlan plan, Problems problems)
    {
        if (AddressRules.Plain(written, path, "via", problems) is not { } via) return null;
        if (to is { } dest && dest.IsV6 != via.IsV6)
        {
            problems.Add(written.Mark, path, $"via {via} is {via.Family} but the destination {dest} is {dest.Address.Family}; use a gateway of the same family");
            return null;
        }

        var own = plan.In(ns).FirstOrDefault(a => a.Cidr.Address == via);
        if (own is not null)
        {
            problems.Add(written.Mark, path, $"via {via} is an address of {ns.Display} itself; the gateway must be a neighbour's address");
            return null;
        }

        if (plan.Connected(ns, via) is { } address) return (via, address);
        var connected = NameRules.List(plan.In(ns).Select(a => a.Cidr.Network.ToString()).Distinct());
        problems.Add(written.Mark, path, $"via {via} is not inside any subnet connected to {ns.Display} (connected: {connected})");
        return null;
    }
}
