using System.Text.RegularExpressions;

namespace Topo.Linux.Nftables;

/// <summary>
/// Picks the rules out of a text listing made with handles (<c>nft -a list table</c>), so that a
/// rule topo does not recognise can be shown as a person would write it.
/// </summary>
internal static partial class NftTextListing
{
    public static IReadOnlyDictionary<long, string> RulesByHandle(string listing)
    {
        var rules = new Dictionary<long, string>();
        var inChain = false;
        foreach (var raw in listing.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("chain ", StringComparison.Ordinal)) inChain = true;
            else if (line == "}") inChain = false;
            else if (inChain && HandleSuffix().Match(line) is { Success: true } m) rules[long.Parse(m.Groups[2].Value)] = m.Groups[1].Value;
        }

        return rules;
    }

    [GeneratedRegex(@"^(.*\S)\s+# handle (\d+)$")]
    private static partial Regex HandleSuffix();
}
