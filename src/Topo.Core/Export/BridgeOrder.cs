using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Export;

/// <summary>
/// The order of a lab's bridges as its file had them, as far as its nftables rules tell: topo writes
/// masquerade rules and internal drops in bridge order (in each family's table), and for each isolated
/// bridge (in order) its drops against the other bridges (in order). The table is compared rule by rule, so an export in another order
/// would show as drift. What the rules do not settle stays in the kernel's order.
/// </summary>
internal static class BridgeOrder
{
    /// <param name="bridges">Bridge names in the kernel's order, each with its subnets (one per family it has an address of).</param>
    public static List<string> Of(IReadOnlyList<(string Name, IReadOnlyList<string> Subnets)> bridges, IReadOnlyList<NftRule> rules)
    {
        var bySubnet = bridges.SelectMany(b => b.Subnets.Select(s => (Subnet: s, b.Name))).GroupBy(b => b.Subnet).ToDictionary(g => g.Key, g => g.First().Name);
        var before = bridges.ToDictionary(b => b.Name, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        void Chain(IEnumerable<string> ordered)
        {
            string? last = null;
            foreach (var name in ordered.Where(before.ContainsKey))
            {
                if (last is not null && last != name) before[name].Add(last);
                last = name;
            }
        }

        foreach (var family in rules.GroupBy(r => r.Family))
        {
            Chain(family.OfType<MasqueradeRule>().Select(r => bySubnet.GetValueOrDefault(r.Subnet)).OfType<string>());
            Chain(family.OfType<InternalRule>().Select(r => r.Bridge));
        }

        var isolated = new List<string>();
        var others = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var rule in rules.OfType<IsolationRule>())
        {
            if (!isolated.Contains(rule.InBridge) && !isolated.Contains(rule.OutBridge))
            {
                isolated.Add(rule.InBridge);
                others[rule.InBridge] = [];
            }

            var owner = isolated.LastOrDefault(x => x == rule.InBridge || x == rule.OutBridge);
            if (owner is not null) others[owner].Add(owner == rule.InBridge ? rule.OutBridge : rule.InBridge);
        }

        Chain(isolated);
        foreach (var list in others.Values) Chain(list.Distinct());
        return Sorted(bridges.Select(b => b.Name).ToList(), before);
    }

    // Kahn's algorithm, the kernel's order breaking ties; a contradiction (none expected) falls back to that order.
    private static List<string> Sorted(List<string> names, Dictionary<string, HashSet<string>> before)
    {
        var result = new List<string>();
        var left = new List<string>(names);
        while (left.Count > 0)
        {
            var next = left.FirstOrDefault(n => before[n].All(result.Contains)) ?? left[0];
            result.Add(next);
            left.Remove(next);
        }

        return result;
    }
}
