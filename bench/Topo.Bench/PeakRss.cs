using System.Globalization;

namespace Topo.Bench;

/// <summary>
/// topo's peak resident set size per operation, measured in a pass of its own under
/// <c>/usr/bin/time</c> (whose extra process would blur the timed runs).
/// </summary>
public static class PeakRss
{
    public static void Measure(string topo, StarLab lab, string yaml, Results results)
    {
        results.PeakRss.Add(("apply", lab.Nodes, Run(topo, "apply", "-q", yaml)));
        KernelProbe.CheckBuilt(lab);
        results.PeakRss.Add(("plan (no-op)", lab.Nodes, Run(topo, "plan", yaml)));
        results.PeakRss.Add(("down", lab.Nodes, Run(topo, "down", yaml)));
        KernelProbe.CheckEmpty();
    }

    private static double Run(string topo, params string[] args)
    {
        var outcome = Processes.Run("/usr/bin/time", ["-f", "maxrss=%M", topo, .. args]);
        var line = outcome.Error.Split('\n').Last(l => l.StartsWith("maxrss=", StringComparison.Ordinal));
        return double.Parse(line["maxrss=".Length..], CultureInfo.InvariantCulture) / 1024;
    }
}
