using System.Globalization;
using System.Text;
using Topo.Testing.Hosts;
using Topo.Testing.Kernel;

namespace Topo.Bench;

/// <summary>
/// <c>--hosts H</c>: what spreading a lab over machines costs. H simulated machines (network, mount and
/// PID namespaces of their own on an underlay bridge, an sshd in each: the test harness's) and, in the
/// same run, one machine with all N nodes. Per repeat, from an empty kernel on every machine:
/// <list type="bullet">
/// <item>each machine's share alone, <c>topo apply|plan|down FILE --host hI</c> run on that machine;</item>
/// <item>the fan-out over ssh: <c>topo apply|plan|down FILE</c> from the operator's namespace, which holds
/// no underlay address, so every share goes over ssh (warm ControlMaster connections);</item>
/// <item>the fan-out from h1: h1's share in process, the others over ssh.</item>
/// </list>
/// The fan-out's own cost is its wall time minus the slowest machine's share alone, in the same repeat, as the
/// issue defines it; on real machines that is the floor. Here the simulated machines share this machine's
/// cores, so every share at once (each started on its machine, no ssh, no coordination) is measured too, and
/// the cost against that floor is the fan-out's own overhead: ssh, the plan round, the JSON back.
/// </summary>
public sealed class HostsRun(BenchOptions options, Results results) : IDisposable
{
    public const string OneHost = "one machine";
    public const string Share = "slowest share alone";
    public const string OverSsh = "fan-out over ssh";
    public const string FromH1 = "fan-out from h1";
    public const string CostOverSsh = "fan-out cost over ssh";
    public const string CostFromH1 = "fan-out cost from h1";
    public const string AtOnce = "every share at once";
    public const string OverheadOverSsh = "fan-out over ssh minus every share at once";
    public const string SshTrue = "ssh h2 true (warm)";

    private readonly KernelSandbox _sandbox = new();
    private SimulatedHosts? _hosts;

    public void Run(int hosts)
    {
        _hosts = new SimulatedHosts(_sandbox, hosts);
        // h1 runs the fan-out too: it needs the operator's ssh config, key and known_hosts at the same paths.
        Processes.Run("cp", ["-a", _hosts.ClientDirectory, _hosts.Hosts[0].PathOf(Path.GetDirectoryName(_hosts.ClientDirectory)!)]);
        foreach (var n in options.Sizes)
        {
            var spread = Write(new OverlayLab(n, hosts));
            var single = Write(new OverlayLab(n, 1));
            Warm(spread);
            for (var r = 1; r <= options.Repeats; r++)
            {
                Console.Error.WriteLine($"bench: hosts={hosts}, N={n}, repeat {r}/{options.Repeats} (load {Machine.Load()})");
                OneMachine(single);
                Spread(spread);
                results.Add(SshTrue, "round trip", n, SshRoundTrip());
            }
        }
    }

    private (OverlayLab Lab, string File) Write(OverlayLab lab)
    {
        var file = Path.Combine(options.Work, $"overlay-{lab.Nodes}-on-{lab.Hosts}.yaml");
        File.WriteAllText(file, lab.Yaml());
        return (lab, file);
    }

    // The first ssh to each machine pays for the handshake; ControlPersist keeps the master for the timed runs.
    // Nothing is applied yet, so status exits 2 (drift): it is run for its connections only.
    private void Warm((OverlayLab Lab, string File) spread)
    {
        Run(["nsenter", $"--net={_sandbox.HostPath}", "--"], ["status", spread.File], 2);
        Run(Hosts.Hosts[0].Enter(), ["status", spread.File], 2);
    }

    private void OneMachine((OverlayLab Lab, string File) single)
    {
        var n = single.Lab.Nodes;
        results.Add(OneHost, "apply", n, OnHost(1, "apply", "-q", single.File, "--host", "h1").Wall);
        CheckBuilt(single.Lab);
        results.Add(OneHost, "plan (no-op)", n, OnHost(1, "plan", "--detailed-exitcode", single.File, "--host", "h1").Wall);
        results.Add(OneHost, "down", n, OnHost(1, "down", single.File, "--host", "h1").Wall);
        CheckEmpty(single.Lab);
    }

    private void Spread((OverlayLab Lab, string File) spread)
    {
        var (lab, file) = spread;
        var n = lab.Nodes;
        var hosts = Enumerable.Range(1, lab.Hosts).ToList();

        var apply = hosts.Max(h => OnHost(h, "apply", "-q", file, "--host", OverlayLab.HostName(h)).Wall);
        CheckBuilt(lab);
        var plan = hosts.Max(h => OnHost(h, "plan", "--detailed-exitcode", file, "--host", OverlayLab.HostName(h)).Wall);
        var down = hosts.Max(h => OnHost(h, "down", file, "--host", OverlayLab.HostName(h)).Wall);
        CheckEmpty(lab);
        results.Add(Share, "apply", n, apply);
        results.Add(Share, "plan (no-op)", n, plan);
        results.Add(Share, "down", n, down);

        var atOnce = (Apply: Together(hosts, h => ["apply", "-q", file, "--host", OverlayLab.HostName(h)]), Plan: TimeSpan.Zero, Down: TimeSpan.Zero);
        CheckBuilt(lab);
        atOnce.Plan = Together(hosts, h => ["plan", "--detailed-exitcode", file, "--host", OverlayLab.HostName(h)]);
        atOnce.Down = Together(hosts, h => ["down", file, "--host", OverlayLab.HostName(h)]);
        CheckEmpty(lab);
        results.Add(AtOnce, "apply", n, atOnce.Apply);
        results.Add(AtOnce, "plan (no-op)", n, atOnce.Plan);
        results.Add(AtOnce, "down", n, atOnce.Down);

        var overSsh = FanOut(OverSsh, CostOverSsh, spread, (apply, plan, down), args => Operator(args));
        FanOut(FromH1, CostFromH1, spread, (apply, plan, down), args => OnHost(1, args));
        results.Add(OverheadOverSsh, "apply", n, overSsh.Apply - atOnce.Apply);
        results.Add(OverheadOverSsh, "plan (no-op)", n, overSsh.Plan - atOnce.Plan);
        results.Add(OverheadOverSsh, "down", n, overSsh.Down - atOnce.Down);
    }

    /// <summary>Each machine's share started on it at the same moment; the wall time until the last one ends.</summary>
    private TimeSpan Together(IReadOnlyList<int> hosts, Func<int, string[]> args)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Task.WaitAll([.. hosts.Select(h => Task.Run(() => OnHost(h, args(h))))]);
        return clock.Elapsed;
    }

    private (TimeSpan Apply, TimeSpan Plan, TimeSpan Down) FanOut(string method, string cost, (OverlayLab Lab, string File) spread, (TimeSpan Apply, TimeSpan Plan, TimeSpan Down) alone, Func<string[], Processes.Outcome> run)
    {
        var (lab, file) = spread;
        var n = lab.Nodes;
        var apply = run(["apply", "-q", file]).Wall;
        CheckBuilt(lab);
        var plan = run(["plan", "--detailed-exitcode", file]).Wall;
        var down = run(["down", file]).Wall;
        CheckEmpty(lab);
        results.Add(method, "apply", n, apply);
        results.Add(method, "plan (no-op)", n, plan);
        results.Add(method, "down", n, down);
        results.Add(cost, "apply", n, apply - alone.Apply);
        results.Add(cost, "plan (no-op)", n, plan - alone.Plan);
        results.Add(cost, "down", n, down - alone.Down);
        return (apply, plan, down);
    }

    // What one far side costs before topo runs there: a session on the warm master connection, as the product opens it.
    private TimeSpan SshRoundTrip()
    {
        var control = Path.Combine(Path.GetDirectoryName(Hosts.SshConfig)!, "control", "%C");
        string[] command = ["nsenter", $"--net={_sandbox.HostPath}", "--", "ssh", "-F", Hosts.SshConfig, "-o", "ControlMaster=auto", "-o", $"ControlPath={control}", "-o", "ControlPersist=60", "-T", "h2", "true"];
        return Processes.Run(command[0], command[1..]).Wall;
    }

    private Processes.Outcome Operator(params string[] args) =>
        Run(["nsenter", $"--net={_sandbox.HostPath}", "--"], args, 0);

    private Processes.Outcome OnHost(int h, params string[] args) => Run(Hosts.Hosts[h - 1].Enter(), args, 0);

    // The product reaches the simulated machines through the harness's ssh config, and runs this same binary there.
    private Processes.Outcome Run(string[] prefix, string[] args, int accepted)
    {
        string[] command = [.. prefix, "env", $"TOPO_SSH_CONFIG={Hosts.SshConfig}", $"TOPO_SSH_REMOTE_COMMAND={options.Topo}", options.Topo, .. args];
        return Processes.Run(command[0], command[1..], accepted);
    }

    private SimulatedHosts Hosts => _hosts ?? throw new InvalidOperationException("no simulated hosts yet");

    /// <summary>Every machine holds its nodes' namespaces, and its last node has its address on the segment.</summary>
    private void CheckBuilt(OverlayLab lab)
    {
        for (var h = 1; h <= lab.Hosts; h++)
        {
            var namespaces = Hosts.Hosts[h - 1].Run("ip", "netns", "list").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            if (namespaces != lab.NodesOn(h)) throw new BenchException($"h{h} holds {namespaces} namespaces, not {lab.NodesOn(h)}");
            var last = Enumerable.Range(1, lab.Nodes).Last(i => lab.HostOf(i) == h);
            var addresses = Hosts.Hosts[h - 1].Run("ip", "-n", $"n{last}", "-j", "addr", "show", "dev", "eth0");
            if (!addresses.Contains("\"local\":\"10.80.", StringComparison.Ordinal)) throw new BenchException($"n{last} on h{h} has no address on the segment");
        }
    }

    /// <summary>No machine holds a namespace, or an interface but lo and its underlay's eth0.</summary>
    private void CheckEmpty(OverlayLab lab)
    {
        for (var h = 1; h <= lab.Hosts; h++)
        {
            var host = Hosts.Hosts[h - 1];
            if (host.Run("ip", "netns", "list").Trim().Length > 0) throw new BenchException($"h{h} still holds namespaces");
            var links = host.Run("ip", "-br", "link").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0].Split('@')[0]).Except(["lo", "eth0"]).ToList();
            if (links.Count > 0) throw new BenchException($"h{h} still holds {string.Join(", ", links)}");
        }
    }

    public string Markdown(Machine machine, int hosts)
    {
        var s = machine.Header("topo across machines", options);
        s.AppendLine($"- lab: N nodes on one overlay segment (a bridge and a VXLAN per machine, head-end replication), spread in blocks over {hosts} simulated machines, each with its own network, mount and PID namespaces and an sshd; and the same N nodes on one machine");
        s.AppendLine("- a share alone: `topo CMD FILE --host hI` on that machine; fan-out: `topo CMD FILE` from the operator's namespace (every share over ssh) or from h1 (its share in process); the fan-out's cost is its time minus the slowest share alone in the same repeat");
        s.AppendLine($"- every share at once: each machine's `topo CMD FILE --host hI` started together on its machine, no ssh; the {hosts} simulated machines share this machine's cores, so this, not the slowest share alone, is the floor a fan-out here can reach, and the fan-out over ssh minus it is the fan-out's own overhead");
        s.AppendLine();
        s.AppendLine("| N | operation | one machine | slowest share alone | every share at once | fan-out over ssh | its cost | minus every share at once | fan-out from h1 | its cost | no-op plan over ssh / one machine |");
        s.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var n in options.Sizes)
        {
            foreach (var operation in new[] { "apply", "plan (no-op)", "down" })
            {
                string M(string method) => results.Find(method, operation, n) is { } m ? Ms(m.Median) : "-";
                var ratio = operation == "plan (no-op)" && results.Find(OverSsh, operation, n) is { } f && results.Find(OneHost, operation, n) is { } o
                    ? (f.Median / o.Median).ToString("0.00", CultureInfo.InvariantCulture) + "x"
                    : "";
                s.AppendLine($"| {n} | {operation} | {M(OneHost)} | {M(Share)} | {M(AtOnce)} | {M(OverSsh)} | {M(CostOverSsh)} | {M(OverheadOverSsh)} | {M(FromH1)} | {M(CostFromH1)} | {ratio} |");
            }
        }

        foreach (var n in options.Sizes)
            if (results.Find(SshTrue, "round trip", n) is { } trip) s.AppendLine().AppendLine($"One warm ssh session from the operator's namespace (`ssh h2 true` on the master connection): median {Ms(trip.Median)} ms, min {Ms(trip.Min)} ms.");

        s.AppendLine().AppendLine("| target | limit | measured (median) | met |").AppendLine("|---|---:|---:|---|");
        foreach (var n in options.Sizes)
        {
            var costs = new[] { "apply", "plan (no-op)", "down" }.Select(o => results.Find(CostOverSsh, o, n)?.Median).OfType<double>().ToList();
            if (costs.Count > 0) s.AppendLine($"| fan-out cost over ssh (minus the slowest share alone), worst operation, N={n} | 100 ms | {Ms(costs.Max())} ms | {(costs.Max() < 100 ? "yes" : "NO")} |");
            var overheads = new[] { "apply", "plan (no-op)", "down" }.Select(o => results.Find(OverheadOverSsh, o, n)?.Median).OfType<double>().ToList();
            if (overheads.Count > 0) s.AppendLine($"| fan-out over ssh minus every share at once, worst operation, N={n} | 100 ms | {Ms(overheads.Max())} ms | {(overheads.Max() < 100 ? "yes" : "NO")} |");
            if (results.Find(OverSsh, "plan (no-op)", n) is { } fan && results.Find(OneHost, "plan (no-op)", n) is { } one)
                s.AppendLine($"| no-op plan over {hosts} machines / one machine, N={n} | 2.00x | {(fan.Median / one.Median).ToString("0.00", CultureInfo.InvariantCulture)}x | {(fan.Median < 2 * one.Median ? "yes" : "NO")} |");
        }

        return s.ToString();
    }

    private static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _hosts?.Dispose();
        _sandbox.Dispose();
    }
}
