using System.Text;
using Topo.Core.Trace;

namespace Topo.Cli.Output;

/// <summary>
/// A trace for a person: the probe, then each namespace it passed with how it came in, the bridge it
/// crossed, the route the kernel chose, the rules it met (verdict, and the lab file's reason) and its
/// NAT, and last the answer in words.
/// </summary>
public static class TraceText
{
    public static string Render(TraceReport report)
    {
        var s = new StringBuilder();
        s.Append("trace ").Append(report.Protocol).Append(" from ").Append(report.From).Append(" to ").Append(report.To).Append('\n');
        var n = 0;
        foreach (var hop in report.Hops)
        {
            s.Append('\n').Append(++n).Append(". ").Append(hop.Namespace);
            s.Append(hop.In is { } i ? $" (in by {i})" : n == 1 ? " (sent here)" : "").Append('\n');
            if (hop.Crossed is { } c) s.Append("   crossed ").Append(c).Append('\n');
            if (hop.Route is { } r) s.Append("   route   ").Append(r).Append('\n');
            foreach (var rule in hop.Rules)
            {
                s.Append("   nft     ").Append(rule.Table).Append(' ').Append(rule.Chain).Append(": ").Append(rule.Text).Append(" -> ").Append(rule.Verdict);
                if (rule.Origin is { } o) s.Append("  (").Append(o).Append(')');
                s.Append('\n');
            }

            foreach (var nat in hop.Nat) s.Append("   nat     ").Append(nat).Append('\n');
            if (hop.Out is { } outBy) s.Append("   out by  ").Append(outBy).Append('\n');
        }

        return s.Append('\n').Append(report.Answer).Append('\n').ToString();
    }
}

/// <summary><c>trace --output json</c>: the same report; <c>outcome</c> is delivered, dropped, no-route, no-neighbour or lost.</summary>
public static class TraceJson
{
    public static string Write(string lab, TraceReport r) => OutputJsonContext.Write(
        new TraceDocument(lab, r.From, r.To, r.Protocol, Outcome(r.Outcome), r.Answer,
            [.. r.Hops.Select(h => new TraceHopDocument(h.Namespace, h.In, h.Crossed, h.Route,
                [.. h.Rules.Select(x => new TraceRuleDocument(x.Table, x.Chain, x.Text, x.Verdict, x.Origin))], [.. h.Nat], h.Out))]),
        c => c.TraceDocument);

    public static string Outcome(TraceOutcome outcome) => outcome switch
    {
        TraceOutcome.NoRoute => "no-route",
        TraceOutcome.NoNeighbour => "no-neighbour",
        _ => outcome.ToString().ToLowerInvariant(),
    };
}

internal sealed record TraceDocument(string Lab, string From, string To, string Protocol, string Outcome, string Answer, IReadOnlyList<TraceHopDocument> Hops);

internal sealed record TraceHopDocument(string Namespace, string? In, string? Crossed, string? Route, IReadOnlyList<TraceRuleDocument> Rules, IReadOnlyList<string> Nat, string? Out);

internal sealed record TraceRuleDocument(string Table, string Chain, string Text, string Verdict, string? Origin);
