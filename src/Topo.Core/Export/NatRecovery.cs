using System.Collections.Immutable;
using System.Globalization;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Export;

/// <summary>
/// Reads the file's NAT settings back out of a lab's nftables rules, in both families' tables: a masquerade
/// rule is its bridge's <c>masquerade: true</c> (NAT66 for an IPv6 subnet), an isolation rule its bridges'
/// <c>isolated: true</c>, a pair of drops around a bridge its <c>internal: true</c>, a DNAT rule a node's port.
/// The rules are topo's own shapes; anything else in the table is not the file's.
/// </summary>
internal sealed record NatRecovery(
    ImmutableHashSet<string> MasqueradedSubnets,
    ImmutableHashSet<string> IsolatedBridges,
    ImmutableArray<ImmutableArray<DnatRule>> PortTables)
{
    public ImmutableHashSet<string> InternalBridges { get; init; } = [];

    /// <param name="rules">Each rule with the namespace whose table holds it.</param>
    public static NatRecovery From(IEnumerable<(Netns Ns, NftRule Rule)> rules)
    {
        var list = rules.ToList();
        var all = list.Select(r => r.Rule).ToList();
        return new NatRecovery(
            [.. all.OfType<MasqueradeRule>().Select(r => r.Subnet)],
            Isolated(all.OfType<IsolationRule>()),
            // Each port has a prerouting and an output rule; one of them says it all. A table keeps each family's
            // rules in the file's order, and only within a family: the order is one per table and family.
            [.. list.Where(r => r.Rule is DnatRule { Hook: NftChain.Prerouting }).GroupBy(r => (r.Ns, r.Rule.Family))
                .Select(g => g.Select(r => (DnatRule)r.Rule).ToImmutableArray())])
        {
            InternalBridges = [.. all.OfType<InternalRule>().Select(r => r.Bridge)],
        };
    }

    /// <summary>
    /// The bridges whose isolation gives these rules. A rule's comment names its isolated bridge
    /// (<c>isolated personal</c>). A rule without one (a table applied before rules had comments) could be
    /// either bridge's, as rules come in both directions; topo writes the isolated bridge's rules first,
    /// so the first rule not yet explained names the next isolated bridge.
    /// </summary>
    private static ImmutableHashSet<string> Isolated(IEnumerable<IsolationRule> rules)
    {
        var list = rules.ToList();
        var isolated = new HashSet<string>(list.Select(Named).OfType<string>(), StringComparer.Ordinal);
        foreach (var rule in list.Where(r => Named(r) is null))
            if (!isolated.Contains(rule.InBridge) && !isolated.Contains(rule.OutBridge)) isolated.Add(rule.InBridge);
        return [.. isolated];
    }

    private static string? Named(IsolationRule rule) =>
        rule.Comment is { } c && c.StartsWith(IsolatedPrefix, StringComparison.Ordinal) && c[IsolatedPrefix.Length..] is var name
        && (name == rule.InBridge || name == rule.OutBridge) ? name : null;

    private const string IsolatedPrefix = "isolated ";

    /// <summary>The ports that go to one of <paramref name="addresses"/>, in Docker's syntax, in an order that gives each table its own.</summary>
    public ImmutableArray<string> PortsTo(IEnumerable<string> addresses)
    {
        var own = addresses.Select(CidrText.Address).ToHashSet(StringComparer.Ordinal);
        // A port with no host IP is published in each family the node has an address in: its two families' rules are one port.
        return [.. OrderMerge.Of(PortTables.Select(t => t.Where(p => own.Contains(p.NodeIp)).Select(Spec)))];
    }

    private static string Spec(DnatRule rule) =>
        (rule.HostIp is null ? "" : rule.Family == NftFamily.Ip6 ? $"[{rule.HostIp}]:" : rule.HostIp + ":") +
        (rule.Count == 1
            ? string.Create(CultureInfo.InvariantCulture, $"{rule.HostPort}:{rule.NodePort}/{rule.Protocol}")
            : string.Create(CultureInfo.InvariantCulture, $"{rule.HostPort}-{rule.LastHostPort}:{rule.NodePort}-{rule.NodePort + rule.Count - 1}/{rule.Protocol}"));
}
