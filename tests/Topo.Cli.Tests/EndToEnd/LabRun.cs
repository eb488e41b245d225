using System.Diagnostics;
using Topo.Linux;
using Topo.Linux.Namespaces;
using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// One end-to-end test's world: a sandbox standing in for the host, a private state directory,
/// and topo run against them, in-process or as a real process. Dispose takes every lab down and
/// removes whatever named namespace is left, so one failing test cannot spoil the next.
/// </summary>
public sealed class LabRun : IDisposable
{
    private readonly List<string> _applied = [];

    public LabRun()
    {
        State = Directory.CreateTempSubdirectory("topo-state-").FullName;
        Options = new KernelOptions(Sandbox.HostPath, NetnsDirectory.Default, State);
    }

    public KernelSandbox Sandbox { get; } = new();

    public string State { get; }

    public KernelOptions Options { get; set; }

    public static string Example(string name) => Path.Combine(CliRun.Repo(), "examples", name);

    /// <summary>Runs topo in-process against the sandbox.</summary>
    public CliRun Topo(params string[] args)
    {
        if (args.Length > 1 && args[0] == "apply") _applied.Add(args[1]);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = TopoApp.Run(args, new Terminal(stdout, stderr, IsInteractive: false), Options);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the real topo binary inside the sandbox's host namespace (for exec and for kills).</summary>
    public System.Diagnostics.Process Start(IDictionary<string, string>? environment, params string[] args) => StartUnder([], environment, args);

    /// <summary>As <see cref="Start"/>, the binary run by <paramref name="wrapper"/> (<c>prlimit --nofile=256:256</c>).</summary>
    public System.Diagnostics.Process StartUnder(string[] wrapper, IDictionary<string, string>? environment, params string[] args)
    {
        if (args.Length > 1 && args[0] == "apply") _applied.Add(args[1]);
        var topo = Path.Combine(AppContext.BaseDirectory, "topo.dll");
        string[] command = [.. wrapper, "nsenter", $"--net={Sandbox.HostPath}", "--", "dotnet", topo, .. args];
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in command[1..]) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        return System.Diagnostics.Process.Start(start)!;
    }

    public CliRun Process(IDictionary<string, string>? environment, params string[] args) => ProcessUnder([], environment, args);

    public CliRun ProcessUnder(string[] wrapper, IDictionary<string, string>? environment, params string[] args)
    {
        using var p = StartUnder(wrapper, environment, args);
        var done = FinishedProcess.Of(p);
        return new CliRun(done.ExitCode, done.Out, done.Error);
    }

    /// <summary>
    /// ICMP echo with iputils' ping as the witness, from a node (or from the sandbox's host when
    /// <paramref name="fromNode"/> is null); true when a reply came. Ping sends once a second until
    /// one reply or 3 s: a loaded machine's first ARP round may take more than one try.
    /// </summary>
    public bool Pings(string? fromNode, string address)
    {
        string[] where = fromNode is null ? ["nsenter", $"--net={Sandbox.HostPath}", "--"] : ["ip", "netns", "exec", fromNode];
        var start = new ProcessStartInfo(where[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])[.. where[1..], "ping", "-n", "-c", "1", "-w", "3", address]) start.ArgumentList.Add(a);
        return FinishedProcess.Run(start).ExitCode == 0;
    }

    /// <summary>A thread inside a node's namespace, for traffic.</summary>
    public NamespaceThread Node(string name) => Sandbox.Namespaces.Open(name);

    public IReadOnlyList<string> Namespaces() => Sandbox.Namespaces.List();

    public void Dispose()
    {
        foreach (var file in _applied.Distinct()) Topo("down", file, "-q");
        foreach (var name in Sandbox.Namespaces.List()) Sandbox.Namespaces.Delete(name);
        Sandbox.Dispose();
        Directory.Delete(State, recursive: true);
    }
}
