using System.Globalization;
using System.Text;

namespace Topo.Bench;

/// <summary>
/// <c>--scale N</c>: topo alone (no peer builds labs this size in reasonable time) at N=1,000 and at N
/// spread over bridges of 1,000 (the kernel takes 1,023 ports per bridge): apply, no-op plan, no-op
/// apply and down, each checked with <c>ip -j</c> / <c>nft -j</c> as in the main run, and topo's peak
/// RSS. The target is linear cost: time per node at N at most <see cref="Allowed"/> times that at 1,000.
/// </summary>
public sealed class ScaleRun(BenchOptions options, Results results)
{
    public const int Reference = 1000;
    public const double Allowed = 1.5;

    private static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(10);

    public void Run(int nodes)
    {
        foreach (var n in new[] { Reference, nodes }.Distinct())
        {
            var lab = new StarLab(n);
            var yaml = Path.Combine(options.Work, $"star-{n}.yaml");
            File.WriteAllText(yaml, lab.Yaml());
            for (var r = 1; r <= options.Repeats; r++)
            {
                Console.Error.WriteLine($"bench: scale N={n} ({lab.Bridges} bridges), repeat {r}/{options.Repeats} (load {Machine.Load()})");
                Once(lab, yaml);
            }

            Console.Error.WriteLine($"bench: scale N={n}, peak RSS");
            PeakRss.Measure(options.Topo, lab, yaml, results);
        }
    }

    private void Once(StarLab lab, string yaml)
    {
        var apply = Processes.Run(options.Topo, ["apply", "-q", yaml]);
        KernelProbe.CheckBuilt(lab);
        results.Add(Methods.Topo, "apply", lab.Nodes, apply.Wall);
        KernelProbe.WaitUntilSettled(SettleTimeout);
        results.Add(Methods.Topo, "plan (no-op)", lab.Nodes, Processes.Run(options.Topo, ["plan", "--detailed-exitcode", yaml]).Wall);
        results.Add(Methods.Topo, "apply (no-op)", lab.Nodes, Processes.Run(options.Topo, ["apply", "-q", yaml]).Wall);
        var down = Processes.Run(options.Topo, ["down", yaml]);
        KernelProbe.CheckEmpty();
        results.Add(Methods.Topo, "down", lab.Nodes, down.Wall);
    }

    public string Markdown(Machine machine, int nodes)
    {
        var s = machine.Header("topo at scale", options);
        s.AppendLine($"- lab: the benchmark's star lab, {StarLab.NodesPerBridge} nodes per bridge (each bridge its own /16 with masquerade); every node a namespace, a veth, an address, a default route and one published port");
        s.AppendLine();
        s.AppendLine($"| operation | N | bridges | min | median | ms per node | growth vs N={Reference} | met (at most {Allowed.ToString("0.0#", CultureInfo.InvariantCulture)}x) |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var operation in Linearity.Operations)
        {
            foreach (var n in new[] { Reference, nodes }.Distinct())
            {
                if (results.Find(Methods.Topo, operation, n) is not { } m) continue;
                var growth = Growth(operation, n);
                var met = n == Reference || growth is null ? "" : growth <= Allowed ? "yes" : "NO";
                s.AppendLine($"| {operation} | {n} | {new StarLab(n).Bridges} | {m.Min:0.0} | {m.Median:0.0} | {m.Median / n:0.000} | {(growth is { } g ? $"{g:0.00}x" : "-")} | {met} |");
            }
        }

        s.AppendLine().AppendLine("| topo peak RSS | N | MiB |").AppendLine("|---|---:|---:|");
        foreach (var (operation, n, mib) in results.PeakRss) s.AppendLine($"| {operation} | {n} | {mib:0.0} |");
        return s.ToString();
    }

    private double? Growth(string operation, int n) =>
        results.Find(Methods.Topo, operation, n) is { } at && results.Find(Methods.Topo, operation, Reference) is { } reference
            ? (at.Median / n) / (reference.Median / Reference)
            : null;
}
