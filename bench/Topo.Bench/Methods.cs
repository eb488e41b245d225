using System.Globalization;

namespace Topo.Bench;

/// <summary>
/// One repeat of every method on one lab size: each builds the lab from nothing, is checked, and
/// takes it down until the kernel holds nothing, which is checked too. Methods take turns within
/// a repeat so a change in the machine's load touches them alike.
/// </summary>
public sealed class Methods(string topo, string floor, Results results)
{
    public const string Topo = "topo";
    public const string Tutorial = "tutorial script";
    public const string Batch = "ip -batch";
    public const string Floor = "kernel floor";

    private static readonly TimeSpan FreeTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(60);

    public void RunOnce(StarLab lab, string yaml, PeerScripts scripts, bool withTutorial)
    {
        RunTopo(lab, yaml);
        if (withTutorial) RunPeer(Tutorial, lab, ["bash", scripts.TutorialUp], ["bash", scripts.TutorialDown]);
        RunPeer(Batch, lab, ["bash", scripts.BatchUp], ["bash", scripts.BatchDown]);
        var n = lab.Nodes.ToString(CultureInfo.InvariantCulture);
        RunPeer(Floor, lab, [floor, "up", n], [floor, "down", n]);
    }

    private void RunTopo(StarLab lab, string yaml)
    {
        var apply = Processes.Run(topo, ["apply", "-q", yaml]);
        KernelProbe.CheckBuilt(lab);
        results.Add(Topo, "apply", lab.Nodes, apply.Wall);
        KernelProbe.WaitUntilSettled(SettleTimeout);

        // --detailed-exitcode: 2 would mean topo saw changes where there are none.
        var plan = Processes.Run(topo, ["plan", "--detailed-exitcode", yaml]);
        results.Add(Topo, "plan (no-op)", lab.Nodes, plan.Wall);

        var again = Processes.Run(topo, ["apply", "-q", yaml]);
        KernelProbe.CheckBuilt(lab);
        results.Add(Topo, "apply (no-op)", lab.Nodes, again.Wall);

        // topo's down returns only once the kernel has freed the namespaces' interfaces: check that it did.
        var down = Processes.Run(topo, ["down", yaml]);
        KernelProbe.CheckEmpty();
        results.Add(Topo, "down", lab.Nodes, down.Wall);
    }

    /// <param name="up">The program that builds the lab and its arguments; <paramref name="down"/> likewise.</param>
    private void RunPeer(string method, StarLab lab, string[] up, string[] down)
    {
        var build = Processes.Run(up[0], up[1..]);
        KernelProbe.CheckBuilt(lab);
        results.Add(method, "apply", lab.Nodes, build.Wall);
        KernelProbe.WaitUntilSettled(SettleTimeout);

        // Like topo's down, a peer's teardown counts until the kernel has freed everything.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Processes.Run(down[0], down[1..]);
        KernelProbe.WaitUntilFreed(FreeTimeout);
        var wall = clock.Elapsed;
        KernelProbe.CheckEmpty();
        results.Add(method, "down", lab.Nodes, wall);
    }
}
