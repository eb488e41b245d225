using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Topo.Bench;

/// <summary>Turns the results into the printed table, <c>RESULTS.md</c> and <c>results.json</c>.</summary>
public sealed class Report(Results results, Machine machine, BenchOptions options)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string Markdown()
    {
        var s = new StringBuilder();
        s.AppendLine("# topo benchmark results").AppendLine();
        s.AppendLine($"- machine: {machine.Cpu}, {machine.Cores} cores; kernel {machine.Kernel}; {machine.Date}");
        s.AppendLine($"- load average (1/5/15 min) before: {machine.LoadBefore}; after: {machine.LoadAfter}");
        s.AppendLine($"- topo: `{options.Topo}` ({options.Build}); {options.Repeats} repeats; times are wall clock in ms, process start-up included");
        s.AppendLine("- lab: one bridge with a subnet and masquerade; N nodes, each a namespace with a veth into the bridge, an automatic address, a default route and one published port");
        s.AppendLine("- kernel floor: `bench/floor`, the same lab from one C process over raw netlink with the fewest requests (see bench/README.md)");
        s.AppendLine("- `down` counts until the kernel has freed every interface; each result was checked with `ip -j` / `nft -j` before its time counted");
        s.AppendLine();
        s.AppendLine("| N | operation | topo min | topo median | tutorial script median | ip -batch median | kernel floor median | topo / tutorial | topo / ip -batch | topo / floor |");
        s.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var n in options.AllSizes)
        {
            foreach (var operation in Linearity.Operations)
            {
                if (results.Find(Methods.Topo, operation, n) is not { } topo) continue;
                var tutorial = results.Find(Methods.Tutorial, operation, n);
                var batch = results.Find(Methods.Batch, operation, n);
                var floor = results.Find(Methods.Floor, operation, n);
                s.AppendLine($"| {n} | {operation} | {Ms(topo.Min)} | {Ms(topo.Median)} | {Ms(tutorial?.Median)} | {Ms(batch?.Median)} | {Ms(floor?.Median)} | {Ratio(topo, tutorial)} | {Ratio(topo, batch)} | {Ratio(topo, floor)} |");
            }
        }

        s.AppendLine().AppendLine("| other measurement | N | min | median |").AppendLine("|---|---:|---:|---:|");
        foreach (var m in results.Measurements.Where(m => m.Method == InProcess.Method || m.Operation.StartsWith("validate", StringComparison.Ordinal)))
            s.AppendLine($"| {m.Method}: {m.Operation} | {m.Nodes} | {Ms(m.Min)} | {Ms(m.Median)} |");

        s.AppendLine().AppendLine("| topo peak RSS | N | MiB |").AppendLine("|---|---:|---:|");
        foreach (var (operation, nodes, mib) in results.PeakRss) s.AppendLine($"| {operation} | {nodes} | {mib:0.0} |");

        s.AppendLine().AppendLine(Linearity.Markdown(results, options.AllSizes.Order().ToList()));

        s.AppendLine().AppendLine("| target | limit | measured | met |").AppendLine("|---|---:|---:|---|");
        foreach (var t in Targets.All)
        {
            var value = Targets.Measured(t, results);
            var met = value is null ? "not measured" : value <= t.Limit ? "yes" : "NO";
            s.AppendLine($"| {t.Name}, N={t.Nodes} | {t.Limit} {t.Unit} | {(value is { } v ? $"{v:0.0} {t.Unit}" : "-")} | {met} |");
        }

        return s.ToString();
    }

    public string Json() => JsonSerializer.Serialize(new
    {
        machine,
        topo = options.Topo,
        build = options.Build,
        repeats = options.Repeats,
        sizes = options.Sizes,
        largeSizes = options.LargeSizes,
        linearity = Linearity.Rows(results, options.AllSizes.Order().ToList()).Select(r => new { operation = r.Operation, nodes = r.Nodes, msPerNode = r.PerNode, growth = r.Growth, batchGrowth = r.BatchGrowth, relative = r.Relative, judged = r.Judged }),
        measurements = results.Measurements.Select(m => new { method = m.Method, operation = m.Operation, nodes = m.Nodes, ms = m.Milliseconds, min = m.Min, median = m.Median }),
        peakRssMiB = results.PeakRss.Select(p => new { operation = p.Operation, nodes = p.Nodes, mib = p.MiB }),
        targets = Targets.All.Select(t => new { operation = t.Name, nodes = t.Nodes, limit = t.Limit, unit = t.Unit, measured = Targets.Measured(t, results) }),
    }, Indented);

    private static string Ms(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "-";

    private static string Ratio(Measurement topo, Measurement? peer) =>
        peer is null ? "-" : (topo.Median / peer.Median).ToString("0.00", CultureInfo.InvariantCulture) + "x";
}
