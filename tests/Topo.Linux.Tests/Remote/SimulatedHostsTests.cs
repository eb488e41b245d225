using Topo.Testing.Hosts;
using Topo.Testing.Kernel;

namespace Topo.Linux.Tests.Remote;

/// <summary>The harness itself: ssh by name works, and nothing of a host outlives it.</summary>
public sealed class SimulatedHostsTests
{
    [KernelFact]
    public void Every_host_answers_ssh_by_name_and_nothing_runs_in_it_after_dispose()
    {
        using var sandbox = new KernelSandbox();
        string[] namespaces;
        using (var hosts = new SimulatedHosts(sandbox, 3))
        {
            Assert.All(hosts.Hosts, h => Assert.Contains($" {h.Underlay}/24", hosts.Ssh(h.Name, "ip -br -4 addr show eth0")));
            namespaces = hosts.Hosts.Select(h => Link(h.NetPath)).ToArray();
            Assert.All(namespaces, n => Assert.NotEmpty(ProcessesIn(n)));
        }

        Assert.All(namespaces, n => Assert.Empty(ProcessesIn(n)));
    }

    private static string Link(string path) => new FileInfo(path).LinkTarget ?? throw new InvalidOperationException(path);

    // Every process whose network namespace is this one: the sshd, its sessions, the holder.
    private static List<string> ProcessesIn(string netns) =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).OfType<string>().Where(p => p.All(char.IsAsciiDigit))
            .Where(p =>
            {
                try
                {
                    return new FileInfo($"/proc/{p}/ns/net").LinkTarget == netns;
                }
                catch (IOException)
                {
                    return false;
                }
                catch (UnauthorizedAccessException)
                {
                    return false;
                }
            })
            .ToList();
}
