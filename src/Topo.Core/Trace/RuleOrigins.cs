using Topo.Core.Model;
using Topo.Core.State;

namespace Topo.Core.Trace;

/// <summary>
/// Says which line of the lab file made an nft rule a trace met: the rule text as nft lists it is
/// matched with the rules the lab wants in that namespace, and each kind of rule points back at
/// the key that asked for it (a bridge's <c>isolated</c> or <c>masquerade</c>, a node's <c>ports</c>).
/// </summary>
public sealed class RuleOrigins(LabFile file, LabState desired)
{
    /// <summary>
    /// The rule as a trace shows it (a rule of the lab's without its comment: the origin says more) and
    /// where it came from, or the text as listed and null for a rule the lab does not make.
    /// </summary>
    public (string Text, string? Origin) Of(Netns ns, string ruleText)
    {
        // A table applied before rules carried comments lists them bare.
        var rule = desired.Resources.OfType<Kinds.NftTableResource>()
            .Where(t => t.Ns == ns)
            .SelectMany(t => t.Rules)
            .FirstOrDefault(r => Same(r.Listed, ruleText) || Same(r.Text, ruleText));
        return rule is null ? (ruleText, null) : (rule.Text, Origin(rule));
    }

    private string? Origin(NftRule rule) =>
        rule switch
        {
            IsolationRule i => Isolation(i),
            MasqueradeRule m => Masquerade(m.Subnet, "masquerade of bridge"),
            HairpinMasqueradeRule h => Masquerade(h.Subnet, "hairpin masquerade of bridge"),
            DnatRule d => Published(d),
            _ => rule.Comment,
        };

    private string? Isolation(IsolationRule rule)
    {
        var isolated = file.Bridges.FirstOrDefault(b => b.Isolated?.Value == true && (b.Name.Value == rule.InBridge || b.Name.Value == rule.OutBridge));
        return isolated is null ? $"isolation between bridges {rule.InBridge} and {rule.OutBridge}" : $"isolation of bridge {isolated.Name.Value}, lab file line {isolated.Isolated!.Mark.Line}";
    }

    private string? Masquerade(string subnet, string what)
    {
        var bridge = file.Bridges.FirstOrDefault(b => b.Masquerade?.Value == true && b.Subnet is { } s && s.Value == subnet);
        return bridge is null ? $"{what} subnet {subnet}" : $"{what} {bridge.Name.Value}, lab file line {bridge.Masquerade!.Mark.Line}";
    }

    private string? Published(DnatRule rule)
    {
        var node = desired.Resources.OfType<Kinds.AddressResource>().FirstOrDefault(a => a.Cidr.Split('/')[0] == rule.NodeIp)?.Ns.Display;
        var spec = file.Nodes.FirstOrDefault(n => n.Name.Value == node);
        var port = spec?.Ports.FirstOrDefault(p => p.Value.Contains($"{rule.HostPort}:{rule.NodePort}", StringComparison.Ordinal));
        var text = $"ports {node ?? rule.NodeIp} {rule.HostPort}:{rule.NodePort}/{rule.Protocol}";
        return port is null ? text : $"{text}, lab file line {port.Mark.Line}";
    }

    // nft lists a rule in its own words; the lab's texts are written to match, so spacing is all that may differ.
    private static bool Same(string a, string b) => Normal(a) == Normal(b);

    private static string Normal(string text) => string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
