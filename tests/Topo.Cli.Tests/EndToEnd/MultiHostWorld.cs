using Topo.Linux.Namespaces;
using Topo.Testing.Hosts;
using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// Three simulated machines and a lab across them, driven from the sandbox's root (which holds no
/// machine's underlay address, so every share goes over ssh): two overlay segments, ov0 with a node
/// on every machine and ov1 on h2 and h3 only, and a link from h1 to h3.
/// </summary>
public sealed class MultiHostWorld : IDisposable
{
    public const string Lab = """
        version: 1
        lab: span
        hosts:
          h1: {underlay: 192.0.2.11}
          h2: {underlay: 192.0.2.12}
          h3: {underlay: 192.0.2.13}
        bridges:
          ov0: {subnet: 10.0.9.0/24, overlay: true}
          ov1: {subnet: 10.0.19.0/24, overlay: true}
        nodes:
          a1: {host: h1}
          a2: {host: h2}
          a3: {host: h3}
          b2: {host: h2}
          b3: {host: h3}
        links:
          - [a1:eth0, ov0]
          - [a2:eth0, ov0]
          - [a3:eth0, ov0]
          - [b2:eth0, ov1]
          - [b3:eth0, ov1]
          - endpoints: [a1:eth1, a3:eth1]
            addresses:
              a1:eth1: [10.9.9.1/30]
              a3:eth1: [10.9.9.2/30]
        checks:
          - {from: a1, to: a3, expect: reach}
          - {from: a1, to: 10.9.9.2, expect: reach}
          - {from: b2, to: b3, expect: reach}
          - {from: b3, to: a1, expect: no-reach}
        """;

    /// <summary>Where each node's ov0 or ov1 address is (IPAM in link order).</summary>
    public static readonly IReadOnlyDictionary<string, (string Host, string Address)> Nodes = new Dictionary<string, (string, string)>
    {
        ["a1"] = ("h1", "10.0.9.2"), ["a2"] = ("h2", "10.0.9.3"), ["a3"] = ("h3", "10.0.9.4"),
        ["b2"] = ("h2", "10.0.19.2"), ["b3"] = ("h3", "10.0.19.3"),
    };

    public MultiHostWorld()
    {
        Hosts = new SimulatedHosts(Run.Sandbox, 3);
        File = Path.Combine(Run.State, "span.yaml");
        System.IO.File.WriteAllText(File, Lab);
        Run.Options = Run.Options with { Ssh = Hosts.SshOptions(RemoteTopo) };
    }

    public static IReadOnlyList<string> RemoteTopo => ["/usr/bin/dotnet", Path.Combine(AppContext.BaseDirectory, "topo.dll")];

    public LabRun Run { get; } = new();

    public SimulatedHosts Hosts { get; }

    public string File { get; }

    public string[] HostNames => [.. Hosts.Hosts.Select(h => h.Name)];

    /// <summary>topo in process from the sandbox's root: without --host, the fan-out to every machine.</summary>
    public CliRun Topo(params string[] args) => Run.Topo(args);

    public bool Pings(string node, string address)
    {
        try
        {
            Hosts[Nodes[node].Host].Run("ip", "netns", "exec", node, "ping", "-n", "-c", "1", "-w", "3", address);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>A thread in a node's namespace on its machine, for TCP.</summary>
    public NamespaceThread Node(string node) => NamespaceThread.Enter(Hosts[Nodes[node].Host].PathOf($"/run/netns/{node}"), node);

    public string Netns(string host) => Hosts[host].Run("ip", "netns", "list").Trim();

    /// <summary>The machine's own interfaces that are the lab's overlay bridges or VXLAN devices.</summary>
    public string[] OverlayLinks(string host) =>
        [.. Hosts[host].Run("ip", "-br", "link").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).Where(n => n.StartsWith("vx", StringComparison.Ordinal) || n.StartsWith("ov", StringComparison.Ordinal))];

    public void Dispose()
    {
        Hosts.Dispose();
        Run.Dispose();
    }
}
