using System.Diagnostics;
using Topo.Core;
using Topo.Core.Planning;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux;

namespace Topo.Bench;

/// <summary>
/// The engine's own costs, without process start-up: validate and plan a large lab against an
/// empty kernel, and read the full state of many namespaces. Runs in this process, JIT-compiled
/// with full optimisation (no tiering) during a first run that is not counted: the shipped binary
/// is compiled ahead, so compiling is no cost of its engine.
/// </summary>
public sealed class InProcess(string topo, string workDirectory, int repeats, Results results)
{
    public const string Method = "in-process";

    public void ValidateAndPlan(int nodes)
    {
        var file = Path.Combine(workDirectory, $"star-{nodes}.yaml");
        File.WriteAllText(file, new StarLab(nodes).Yaml());
        // Run -1 warms up and is not counted.
        for (var r = -1; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            var loaded = LabLoader.Load(file);
            if (!loaded.Ok) throw new BenchException($"the {nodes}-node lab is not valid: {string.Join("; ", loaded.Lines.Take(3))}");
            var result = Planner.Plan(loaded.Lab!.Desired, LabState.Empty(loaded.Lab.Lab));
            var wall = clock.Elapsed;
            if (result.Plan.IsEmpty) throw new BenchException("the plan of a lab against nothing is empty");
            if (r >= 0) results.Add(Method, "validate+plan", nodes, wall);
        }
    }

    /// <summary>Applies the lab with topo, reads it back <c>repeats</c> times through a fresh session, and takes it down.</summary>
    public void ReadState(int nodes)
    {
        var lab = new StarLab(nodes);
        var file = Path.Combine(workDirectory, $"star-{nodes}.yaml");
        File.WriteAllText(file, lab.Yaml());
        var desired = LabLoader.Load(file).Lab!.Desired;
        Processes.Run(topo, ["apply", "-q", file]);
        KernelProbe.CheckBuilt(lab);
        for (var r = -1; r < repeats; r++)
        {
            using var session = KernelSession.Open(StarLab.Lab, new KernelOptions());
            var clock = Stopwatch.StartNew();
            var actual = session.Read(desired);
            var wall = clock.Elapsed;
            if (!Planner.Plan(desired, actual).Plan.IsEmpty) throw new BenchException("the state read back differs from the lab just applied");
            if (r >= 0) results.Add(Method, "read state", nodes, wall);
        }

        Processes.Run(topo, ["down", file]);
        KernelProbe.CheckEmpty();
    }

    /// <summary><c>topo validate</c> of a small file, start-up included.</summary>
    public void ValidateSmall(int runs)
    {
        var file = Path.Combine(workDirectory, "small.yaml");
        File.WriteAllText(file, new StarLab(3).Yaml());
        for (var r = 0; r < runs; r++) results.Add(Methods.Topo, "validate (small file)", 3, Processes.Run(topo, ["validate", file]).Wall);
    }
}
