using System.Globalization;
using System.Text;

namespace Topo.Bench;

/// <summary>
/// How topo's cost grows with N: the median time per node at each size, and its growth against the
/// size the targets are set at (N=200). A cost linear in N keeps the time per node flat or falling
/// (start-up is spread over more nodes); a cost that grows faster shows as a growth above 1. The
/// kernel's own cost is not linear (making and freeing thousands of interfaces, and the IPv6 work
/// each new one starts, all under one lock), so where <c>ip -batch</c> ran at the same sizes its
/// growth is shown too: topo's cost is called linear when its own growth, or its growth over the
/// kernel's, stays within <see cref="Allowed"/>.
/// </summary>
public static class Linearity
{
    public const int Reference = 200;

    /// <summary>The largest growth (over the kernel's, where measured) still called linear: room for a loaded machine's noise.</summary>
    public const double Allowed = 1.25;

    public static readonly string[] Operations = ["apply", "plan (no-op)", "apply (no-op)", "down"];

    /// <param name="Relative">topo's growth over ip -batch's where both were measured, else topo's growth.</param>
    /// <param name="Judged">The smaller of topo's growth and its growth over ip -batch's: what the target is held to.</param>
    public sealed record Row(string Operation, int Nodes, double PerNode, double? Growth, double? BatchGrowth, double? Relative)
    {
        public double? Judged => Growth is { } g && Relative is { } r ? Math.Min(g, r) : Growth ?? Relative;
    }

    public static IEnumerable<Row> Rows(Results results, IReadOnlyList<int> sizes)
    {
        foreach (var operation in Operations)
        {
            foreach (var n in sizes.Where(n => n > Reference))
            {
                if (results.Find(Methods.Topo, operation, n) is not { } m) continue;
                var growth = Growth(results, Methods.Topo, operation, n);
                var batch = Growth(results, Methods.Batch, operation, n);
                yield return new Row(operation, n, m.Median / n, growth, batch, batch is { } b && growth is { } g ? g / b : growth);
            }
        }
    }

    /// <summary>The largest judged growth of any operation at <paramref name="nodes"/>, or null when not measured.</summary>
    public static double? Worst(Results results, IReadOnlyList<int> sizes, int nodes)
    {
        var judged = Rows(results, sizes).Where(r => r.Nodes == nodes && r.Judged is not null).Select(r => r.Judged!.Value).ToList();
        return judged.Count == 0 ? null : judged.Max();
    }

    public static string Markdown(Results results, IReadOnlyList<int> sizes)
    {
        var s = new StringBuilder();
        s.AppendLine($"| topo, time per node | N | ms per node | growth vs N={Reference} | ip -batch growth | topo over ip -batch |")
            .AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var row in Rows(results, sizes))
            s.AppendLine($"| {row.Operation} | {row.Nodes} | {row.PerNode.ToString("0.000", CultureInfo.InvariantCulture)} | {X(row.Growth)} | {X(row.BatchGrowth)} | {X(row.Relative)} |");
        return s.ToString().TrimEnd();
    }

    private static double? Growth(Results results, string method, string operation, int n) =>
        results.Find(method, operation, n) is { } at && results.Find(method, operation, Reference) is { } reference
            ? (at.Median / n) / (reference.Median / Reference)
            : null;

    private static string X(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "-";
}
