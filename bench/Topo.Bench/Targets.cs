namespace Topo.Bench;

/// <summary>
/// The goals of issue 5, each judged on the median wall time (or the peak RSS) of the published binary,
/// and the engine's own goals of issues 2 and 3, judged on the median of the in-process measurement.
/// </summary>
public static class Targets
{
    public sealed record Target(string Operation, int Nodes, double Limit, string Unit, string Method = Methods.Topo)
    {
        public string Name => Method == Methods.Topo ? Operation : $"{Method}: {Operation}";
    }

    public static readonly Target[] All =
    [
        new("apply", 200, 500, "ms"),
        new("apply", 500, 1500, "ms"),
        new("down", 200, 200, "ms"),
        new("plan (no-op)", 200, 60, "ms"),
        new("validate (small file)", 3, 30, "ms"),
        new("peak RSS (apply)", 500, 80, "MiB"),
        new("linear: worst growth of time per node from N=200 (own, or over ip -batch's)", 1000, Linearity.Allowed, "x"),
        new("validate+plan", 5000, 1000, "ms", InProcess.Method),
        new("read state", 200, 30, "ms", InProcess.Method),
    ];

    /// <summary>The measured value, or null when this run did not measure it (another set of sizes).</summary>
    public static double? Measured(Target target, Results results)
    {
        if (target.Unit == "x") return Linearity.Worst(results, [.. results.Measurements.Select(m => m.Nodes).Distinct().Order()], target.Nodes);

        if (target.Unit == "MiB")
        {
            var rss = results.PeakRss.Where(p => p.Nodes == target.Nodes).Select(p => p.MiB).ToList();
            return rss.Count == 0 ? null : rss.Max();
        }

        return results.Find(target.Method, target.Operation, target.Nodes)?.Median;
    }
}
