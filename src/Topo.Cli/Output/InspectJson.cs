using Topo.Core;
using Topo.Core.Export;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Cli.Output;

/// <summary>
/// <c>inspect --output json</c>: <c>{"lab", "namespaces": [{name, owner, interfaces: [{index, name,
/// kind, peer: {namespace, name, index}|null, linkIndex (the N of @ifN), master, mac, mtu, state, alias, addresses, conditions (as tc writes them, or null)}], routes: [{to, via, dev}], sysctls: {key: value}}],
/// "nat": [{namespace, family (ip, ip6), chain, type (nat, filter), rule, comment (what in the lab file made it, or null)}]}</c>: every rule of the lab's nftables table, whatever its chain. The host is the namespace named <c>host</c>.
/// </summary>
public static class InspectJson
{
    public static string Write(string lab, LabState state)
    {
        var held = new HeldState(state);
        return OutputJsonContext.Write(
            new InspectDocument(lab,
                [.. held.Namespaces.Select(ns => Namespace(held, state, ns))],
                [.. held.NatRules.Select(n => new InspectRuleDocument(n.Ns.Display, n.Rule.Family.Keyword(), n.Rule.Chain.ToString().ToLowerInvariant(), NftChainDefinition.Of(n.Rule.Chain).Type, n.Rule.Text, n.Rule.Comment))]),
            c => c.InspectDocument);
    }

    private static InspectNamespaceDocument Namespace(HeldState held, LabState state, Netns ns) => new(
        ns.Display,
        held.Owner(ns),
        [.. held.Interfaces(ns).Select(i => Interface(held, i, state.Resources.OfType<QdiscResource>().FirstOrDefault(q => q.Ns == ns && q.Device == i.Name)))],
        [.. held.Routes(ns).Select(r => new InspectRouteDocument(r.To, r.Via, r.Device))],
        held.Sysctls(ns));

    private static InspectInterfaceDocument Interface(HeldState held, HeldInterface i, QdiscResource? conditions) => new(
        i.Facts.Index,
        i.Name,
        i.Kind,
        i.Facts.Peer is { } peer ? new InspectPeerDocument(peer.Namespace.Display, peer.Name, peer.Index) : null,
        i.Facts.LinkIndex,
        i.End.Master,
        i.End.Mac,
        i.End.Mtu ?? 0,
        i.End.Up == true ? "up" : "down",
        i.Facts.Alias,
        held.Addresses(i),
        conditions?.Conditions.Words);
}

internal sealed record InspectDocument(string Lab, IReadOnlyList<InspectNamespaceDocument> Namespaces, IReadOnlyList<InspectRuleDocument> Nat);

internal sealed record InspectNamespaceDocument(
    string Name,
    string? Owner,
    IReadOnlyList<InspectInterfaceDocument> Interfaces,
    IReadOnlyList<InspectRouteDocument> Routes,
    IReadOnlyDictionary<string, string> Sysctls);

internal sealed record InspectInterfaceDocument(
    int Index,
    string Name,
    string Kind,
    InspectPeerDocument? Peer,
    int? LinkIndex,
    string? Master,
    string? Mac,
    int Mtu,
    string State,
    string? Alias,
    IReadOnlyList<string> Addresses,
    string? Conditions);

internal sealed record InspectPeerDocument(string Namespace, string Name, int Index);

internal sealed record InspectRouteDocument(string To, string? Via, string? Dev);

internal sealed record InspectRuleDocument(string Namespace, string Family, string Chain, string Type, string Rule, string? Comment);
