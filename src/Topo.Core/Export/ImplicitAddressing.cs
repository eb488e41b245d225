using System.Collections.Immutable;
using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Core.Export;

/// <summary>
/// Lets the file say less where topo's own addressing says the same: a node end on a subnet
/// bridge whose address is the one the pool would hand out, and whose default route goes via the
/// bridge's gateway, is written without either, as a person would write <c>[box1:eth0, docker0]</c>.
/// Whether the pool gives the same is not guessed: the shortened file is validated and its desired
/// state compared; ends where it differs keep their addresses, and the rest is tried again.
/// </summary>
internal static class ImplicitAddressing
{
    private const int Rounds = 8;

    /// <summary>How the warning about a route via the namespace's own address begins.</summary>
    public const string OwnGateway = "route via its own address:";

    public static (ExportedLab Lab, ImmutableArray<string> Warnings) Shorten(ExportedLab lab, Func<ExportedLab, string> write)
    {
        var candidates = Candidates(lab).ToList();
        for (var round = 0; round < Rounds && candidates.Count > 0; round++)
        {
            var shortened = Without(lab, candidates);
            var loaded = LabLoader.LoadText("exported.yaml", write(shortened));
            if (!loaded.Ok) break;
            var desired = loaded.Lab!.Desired.Resources;
            var wrong = candidates.Where(c => !Same(desired, c)).ToList();
            if (wrong.Count == 0) return (shortened, []);
            candidates = [.. candidates.Except(wrong)];
        }

        return WithoutOwnGateways(lab);
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
    ];

    /// <summary>A node end that the pool might address: its link, the end, its one address, and the gateway it routes by.</summary>
    private sealed record Candidate(int Link, string Node, string Device, string Endpoint, string Cidr, string Gateway);

    private static IEnumerable<Candidate> Candidates(ExportedLab lab)
    {
        var bridges = lab.Bridges.Where(b => b.Subnet is not null).ToDictionary(b => b.Name, StringComparer.Ordinal);
        var defaults = lab.Nodes.Where(n => n.Routes.Any(r => r.To == "default"))
            .ToDictionary(n => n.Name, n => n.Routes.First(r => r.To == "default").Via, StringComparer.Ordinal);
        for (var i = 0; i < lab.Links.Length; i++)
        {
            var link = lab.Links[i];
            var (bridgeName, _) = Split(link.B);
            var (node, device) = Split(link.A);
            if (!bridges.TryGetValue(bridgeName, out var bridge) || node == "host" || bridges.ContainsKey(node)) continue;
            if (link.Addresses.Where(a => a.Endpoint == link.A).Select(a => a.Cidrs).FirstOrDefault(ImmutableArray<string>.Empty) is not { Length: 1 } cidrs) continue;
            if (!CidrText.Within(cidrs[0], bridge.Subnet!) || !defaults.TryGetValue(node, out var via) || via != bridge.Address) continue;
            yield return new Candidate(i, node, device, link.A, cidrs[0], bridge.Address!);
        }
    }

    private static (string Before, string After) Split(string endpoint) =>
        endpoint.IndexOf(':') is var colon and > 0 ? (endpoint[..colon], endpoint[(colon + 1)..]) : (endpoint, "");

    private static ExportedLab Without(ExportedLab lab, IReadOnlyCollection<Candidate> candidates)
    {
        var links = lab.Links.Select((l, i) => candidates.FirstOrDefault(c => c.Link == i) is { } c
            ? l with { Addresses = [.. l.Addresses.Where(a => a.Endpoint != c.Endpoint)] }
            : l);
        var nodes = candidates.Select(c => c.Node).ToHashSet(StringComparer.Ordinal);
        return lab with
        {
            Links = [.. links],
            Nodes = [.. lab.Nodes.Select(n => nodes.Contains(n.Name) ? n with { Routes = [.. n.Routes.Where(r => r.To != "default")] } : n)],
        };
    }

    private static bool Same(ImmutableArray<Resource> desired, Candidate c) =>
        desired.OfType<AddressResource>().Where(a => a.Ns == c.Node && a.Device == c.Device).Select(a => a.Cidr).SequenceEqual([c.Cidr]) &&
        desired.OfType<RouteResource>().Any(r => r.Ns == c.Node && r.To == "default" && r.Via == c.Gateway);
}
