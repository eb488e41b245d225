using System.Globalization;
using System.Text;

namespace Topo.Bench;

/// <summary>
/// How topo's cost grows with N: the median time per node at each size, and its growth against the
/// size the targets are set at (N=200). A cost linear in N keeps the time per node flat or falling
/// (start-up is spread over more nodes); a cost that grows faster shows as a growth above 1.
/// </summary>
public static class Linearity
{
    public const int Reference = 200;

    /// <summary>The largest growth of the time per node still called linear: room for a loaded machine's noise.</summary>
    public const double Allowed = 1.25;

    public static readonly string[] Operations = ["apply", "plan (no-op)", "apply (no-op)", "down"];

    public sealed record Row(string Operation, int Nodes, double PerNode, double? Growth);

    public static IEnumerable<Row> Rows(Results results, IReadOnlyList<int> sizes)
    {
        foreach (var operation in Operations)
        {
            var reference = results.Find(Methods.Topo, operation, Reference) is { } r ? r.Median / Reference : (double?)null;
            foreach (var n in sizes.Where(n => n >= Reference))
            {
                if (results.Find(Methods.Topo, operation, n) is not { } m) continue;
                var perNode = m.Median / n;
                yield return new Row(operation, n, perNode, reference is { } rf ? perNode / rf : null);
            }
        }
    }

    /// <summary>The largest growth of any operation at <paramref name="nodes"/>, or null when not measured.</summary>
    public static double? Worst(Results results, IReadOnlyList<int> sizes, int nodes) =>
        Rows(results, sizes).Where(r => r.Nodes == nodes && r.Growth is not null).Select(r => r.Growth!.Value).DefaultIfEmpty().Max() is var g && g > 0 ? g : null;

    public static string Markdown(Results results, IReadOnlyList<int> sizes)
    {
        var s = new StringBuilder();
        s.AppendLine($"| topo, time per node | N | ms per node | growth vs N={Reference} |").AppendLine("|---|---:|---:|---:|");
        foreach (var row in Rows(results, sizes))
        {
            var growth = row.Growth is { } g ? g.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "-";
            s.AppendLine($"| {row.Operation} | {row.Nodes} | {row.PerNode.ToString("0.000", CultureInfo.InvariantCulture)} | {growth} |");
        }

        return s.ToString().TrimEnd();
    }
}
