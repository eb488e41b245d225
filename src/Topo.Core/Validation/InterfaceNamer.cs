using System.Collections.Frozen;
using System.Collections.Immutable;
using Topo.Core.Kinds;
using Topo.Core.Model;
using Topo.Core.State;

namespace Topo.Core.Validation;

/// <summary>Every interface name the lab puts in each namespace, loopbacks and bridges included.</summary>
internal sealed record LabInterfaces(FrozenSet<(Netns Ns, string Name)> All)
{
    public bool Has(Netns ns, string name) => All.Contains((ns, name));

    /// <summary>For messages only: a scan, which an error can afford.</summary>
    public string ListIn(Netns ns) => NameRules.List(All.Where(i => i.Ns == ns).Select(i => i.Name).Order(StringComparer.Ordinal));
}

/// <summary>
/// Refuses a name used twice in one namespace, then names the unnamed bridge-side ends.
/// Written names are claimed first, in the order of <c>links</c> (veth ends and macvlan devices alike),
/// so a generated name always steps aside for one the user wrote.
/// </summary>
internal static class InterfaceNamer
{
    public static (ImmutableArray<ResolvedLink> Links, ImmutableArray<ResolvedDevice> Macvlans, LabInterfaces Interfaces) Assign(
        string lab, LabNames names, ImmutableArray<ResolvedLink> links, ImmutableArray<ResolvedDevice> macvlans, Problems problems)
    {
        var owners = new Dictionary<(Netns, string), string>();
        owners[(Netns.Host, NameRules.Loopback)] = "the loopback";
        foreach (var node in names.Nodes) owners[(names.NsOf(node.Name.Value), NameRules.Loopback)] = "the loopback";
        foreach (var bridge in names.Bridges)
        {
            if (!owners.TryAdd((bridge.Ns, bridge.Name), bridge.Path))
                problems.Add(bridge.Spec.Name.Mark, bridge.Path, $"interface '{bridge.Name}' in {bridge.Ns.Display} is already used by {owners[(bridge.Ns, bridge.Name)]}");
        }

        bool Claim(IEnumerable<Endpoint> ends, string path)
        {
            var clean = true;
            foreach (var end in ends.Where(e => e.Name is not null))
            {
                if (owners.TryAdd((end.Ns, end.Name!), path)) continue;
                problems.Add(end.Written.Mark, path, $"interface '{end.Name}' in {end.Ns.Display} is already used by {owners[(end.Ns, end.Name!)]}");
                clean = false;
            }

            return clean;
        }

        var kept = new List<ResolvedLink>(links.Length);
        var keptMacvlans = ImmutableArray.CreateBuilder<ResolvedDevice>(macvlans.Length);
        var inFileOrder = links.Select(l => (l.Index, Link: (ResolvedLink?)l, Macvlan: (ResolvedDevice?)null))
            .Concat(macvlans.Select(m => (m.Index, Link: (ResolvedLink?)null, Macvlan: (ResolvedDevice?)m)))
            .OrderBy(x => x.Index);
        foreach (var (_, link, macvlan) in inFileOrder)
        {
            if (link is not null && Claim(link.Ends, link.Path)) kept.Add(link);
            if (macvlan is not null && Claim([macvlan.Device], macvlan.Path)) keptMacvlans.Add(macvlan);
        }

        var named = kept.Select(link => link with
        {
            A = Named(lab, link.A, link.B, link.Path, owners),
            B = Named(lab, link.B, link.A, link.Path, owners),
        }).ToImmutableArray();
        return (named, keptMacvlans.ToImmutable(), new LabInterfaces(owners.Keys.ToFrozenSet()));
    }

    private static Endpoint Named(string lab, Endpoint end, Endpoint other, string path, Dictionary<(Netns, string), string> owners)
    {
        if (end.Name is not null) return end;
        for (var attempt = 0; ; attempt++)
        {
            var name = GeneratedNames.For(lab, other.Identity, attempt);
            if (owners.TryAdd((end.Ns, name), path)) return end with { Name = name };
        }
    }
}
