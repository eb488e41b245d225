using System.Collections.Immutable;
using Topo.Core.State;
using Topo.Core.Kinds;
using Topo.Core.Validation;

namespace Topo.Core.Export;

/// <summary>
/// Lets the file say less where topo's own addressing says the same: a node end on a subnet
/// bridge whose addresses (one per subnet of the bridge) are the ones the pool would hand out, and whose
/// default route of each family goes via the bridge's gateway of that family (none on an internal bridge),
/// is written without either, as a person would write <c>[box1:eth0, docker0]</c>.
/// Whether the pool gives the same is not guessed: the shortened file is validated and its desired
/// state compared; ends where it differs keep their addresses, and the rest is tried again. Ends the
/// pool misses are tried once more with the <c>ip_range</c> their addresses show (<see cref="PoolRange"/>),
/// kept when it leaves more ends implicit.
/// </summary>
internal static class ImplicitAddressing
{
    private const int Rounds = 8;

    /// <summary>How the warning about a route via the namespace's own address begins.</summary>
    public const string OwnGateway = "route via its own address:";

    public static (ExportedLab Lab, ImmutableArray<string> Warnings) Shorten(ExportedLab lab, Func<ExportedLab, string> write)
    {
        var best = Attempt(lab, write);
        if (best is { Explicit.Count: > 0 } && WithRanges(lab, best.Explicit) is { } ranged && Attempt(ranged, write) is { } again && again.Implicit > best.Implicit)
            best = again;
        return best is { Implicit: > 0 } ? (best.Lab, []) : WithoutOwnGateways(lab);
    }

    /// <summary>What one try left: the shortened lab, how many ends it leaves to the pool, and the candidates it kept written.</summary>
    private sealed record Outcome(ExportedLab Lab, int Implicit, List<Candidate> Explicit);

    private static Outcome? Attempt(ExportedLab lab, Func<ExportedLab, string> write)
    {
        var all = Candidates(lab).ToList();
        var candidates = all;
        for (var round = 0; round < Rounds; round++)
        {
            if (candidates.Count == 0) return new Outcome(lab, 0, all);
            var shortened = Without(lab, candidates);
            var loaded = LabLoader.LoadText("exported.yaml", write(shortened));
            if (!loaded.Ok) return null;
            var desired = loaded.Lab!.Desired.Resources;
            var wrong = candidates.Where(c => !Same(desired, c)).ToList();
            if (wrong.Count == 0) return new Outcome(shortened, candidates.Count, [.. all.Except(candidates)]);
            candidates = [.. candidates.Except(wrong)];
        }

        return null;
    }

    /// <summary>
    /// Each subnet with ends the pool missed gets the range that the lowest address of its family on the bridge's
    /// ends starts: written ends count too, as the pool skips them but they came from it all the same.
    /// </summary>
    private static ExportedLab? WithRanges(ExportedLab lab, List<Candidate> missed)
    {
        var changed = false;
        ExportedSubnet Ranged(ExportedBridge bridge, ExportedSubnet subnet)
        {
            if (subnet.Range is not null || !missed.Any(c => c.Bridge == bridge.Name && c.Families.Any(f => f.V6 == subnet.IsV6))) return subnet;
            var lowest = lab.Links.Where(l => Split(l.B).Before == bridge.Name).SelectMany(l => l.Addresses).SelectMany(a => a.Cidrs)
                .Where(c => CidrText.Within(c, subnet.Network)).Select(c => Cidr.Parse(c)?.Address).OfType<Ip>().OrderBy(ip => ip.Value).FirstOrDefault();
            if (PoolRange.Starting(subnet.Network, lowest.ToString()) is not { } range) return subnet;
            changed = true;
            return subnet with { Range = range };
        }

        var ranged = lab with { Bridges = [.. lab.Bridges.Select(b => b with { Subnets = [.. b.Subnets.Select(s => Ranged(b, s))] })] };
        return changed ? ranged : null;
    }

    // A node routed by a bridge it holds itself: only the pool's implicit default can say that, and it did not fit.
    private static (ExportedLab, ImmutableArray<string>) WithoutOwnGateways(ExportedLab lab)
    {
        var warnings = ImmutableArray.CreateBuilder<string>();
        var nodes = lab.Nodes.Select(n =>
        {
            var own = Own(lab, n.Name);
            var kept = n.Routes.Where(r => r.Via is null || !own.Contains(r.Via)).ToImmutableArray();
            foreach (var r in n.Routes.Except(kept))
                warnings.Add($"{OwnGateway} {r.To} via {r.Via} in {n.Name}: its gateway is the namespace's own address, which a file cannot write; left out");
            return n with { Routes = kept };
        });
        return (lab with { Nodes = [.. nodes] }, warnings.ToImmutable());
    }

    private static HashSet<string> Own(ExportedLab lab, string node) =>
    [
        .. lab.Links.SelectMany(l => l.Addresses).Where(a => Split(a.Endpoint).Before == node).SelectMany(a => a.Cidrs).Select(CidrText.Address),
        .. lab.Bridges.Where(b => b.Node == node && b.Address is not null).Select(b => CidrText.Address(b.Address!)),
        .. lab.Bridges.Where(b => b.Node == node).SelectMany(b => b.Subnets).Select(s => s.Gateway),
    ];

    /// <summary>One family of a candidate: its address, and the gateway its default route goes by (null: an internal bridge gives none).</summary>
    private sealed record Family(bool V6, string Cidr, string? Gateway);

    /// <summary>A node end that the pool might address: its link, the end, its bridge, and an address per subnet of the bridge.</summary>
    private sealed record Candidate(int Link, string Node, string Device, string Endpoint, string Bridge, ImmutableArray<Family> Families);

    private static IEnumerable<Candidate> Candidates(ExportedLab lab)
    {
        var bridges = lab.Bridges.Where(b => !b.Subnets.IsEmpty).ToDictionary(b => b.Name, StringComparer.Ordinal);
        var routes = lab.Nodes.ToDictionary(n => n.Name, n => n.Routes, StringComparer.Ordinal);
        for (var i = 0; i < lab.Links.Length; i++)
        {
            var link = lab.Links[i];
            var (bridgeName, _) = Split(link.B);
            var (node, device) = Split(link.A);
            if (!bridges.TryGetValue(bridgeName, out var bridge) || node == "host" || bridges.ContainsKey(node)) continue;
            var cidrs = link.Addresses.Where(a => a.Endpoint == link.A).Select(a => a.Cidrs).FirstOrDefault(ImmutableArray<string>.Empty);
            if (cidrs.Length != bridge.Subnets.Length) continue;
            var families = bridge.Subnets.Select(s => Of(s, bridge.Internal, cidrs, routes.GetValueOrDefault(node, []))).ToList();
            if (families.Any(f => f is null)) continue;
            yield return new Candidate(i, node, device, link.A, bridge.Name, [.. families.OfType<Family>()]);
        }
    }

    // The end's one address in the subnet, with the default route the pool would give in its stead.
    private static Family? Of(ExportedSubnet subnet, bool isInternal, ImmutableArray<string> cidrs, ImmutableArray<ExportedRoute> routes)
    {
        if (cidrs.Where(c => CidrText.Within(c, subnet.Network)).ToList() is not [var cidr]) return null;
        if (isInternal) return new Family(subnet.IsV6, cidr, null);
        return routes.FirstOrDefault(r => IsDefault(r, subnet.IsV6))?.Via == subnet.Gateway ? new Family(subnet.IsV6, cidr, subnet.Gateway) : null;
    }

    private static bool IsDefault(ExportedRoute route, bool v6) => route.To == RouteRules.DefaultOf(v6);

    private static (string Before, string After) Split(string endpoint) =>
        endpoint.IndexOf(':') is var colon and > 0 ? (endpoint[..colon], endpoint[(colon + 1)..]) : (endpoint, "");

    private static ExportedLab Without(ExportedLab lab, IReadOnlyCollection<Candidate> candidates)
    {
        var links = lab.Links.Select((l, i) => candidates.FirstOrDefault(c => c.Link == i) is { } c
            ? l with { Addresses = [.. l.Addresses.Where(a => a.Endpoint != c.Endpoint)] }
            : l);
        var defaults = candidates.SelectMany(c => c.Families.Where(f => f.Gateway is not null).Select(f => (c.Node, f.V6, f.Gateway))).ToHashSet();
        return lab with
        {
            Links = [.. links],
            Nodes = [.. lab.Nodes.Select(n => n with { Routes = [.. n.Routes.Where(r => !new[] { false, true }.Any(v6 => IsDefault(r, v6) && defaults.Contains((n.Name, v6, r.Via))))] })],
        };
    }

    private static bool Same(ImmutableArray<Resource> desired, Candidate c) =>
        desired.OfType<AddressResource>().Where(a => a.Ns == c.Node && a.Device == c.Device).Select(a => a.Cidr).Order(StringComparer.Ordinal)
            .SequenceEqual(c.Families.Select(f => f.Cidr).Order(StringComparer.Ordinal)) &&
        c.Families.Where(f => f.Gateway is not null).All(f => desired.OfType<RouteResource>().Any(r => r.Ns == c.Node && r.To == RouteRules.DefaultOf(f.V6) && r.Via == f.Gateway));
}
