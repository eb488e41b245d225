using Topo.Core.Kinds;
using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// <c>names: true</c>: each node's /etc/netns/NODE/hosts, as <c>topo exec</c> and <c>ip netns exec</c> show it, a
/// resource like the kernel's (drift repaired, a file topo did not write left alone), and <c>topo exec</c>'s view
/// of the node's /sys. The sandbox gives /etc/netns a tmpfs, so the machine's is never written.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class NamesTests : IDisposable
{
    private const string Hosts = "/etc/netns";
    private readonly LabRun _run = new();
    private readonly string _file;

    public NamesTests()
    {
        _file = Path.Combine(_run.State, "names.yaml");
        File.WriteAllText(_file, """
            version: 1
            lab: names
            names: true
            bridges:
              nmbr: {subnet: 10.77.0.0/24}
            nodes:
              nm1: {}
              nm_2.x: {}
            links:
              - [nm1:eth0, nmbr]
              - [nm_2.x:eth0, nmbr]
            checks:
              - {from: nm1, to: nm_2.x, by: name, expect: reach}
            """);
    }

    public void Dispose()
    {
        _run.Dispose();
        foreach (var node in (string[])["nm1", "nm_2.x"])
        {
            if (Directory.Exists(Path.Combine(Hosts, node))) Directory.Delete(Path.Combine(Hosts, node), recursive: true);
        }
    }

    private static string HostsOf(string node) => Path.Combine(Hosts, node, "hosts");

    [KernelFact]
    public void A_node_resolves_its_neighbour_by_name_through_topo_exec_and_ip_netns_exec()
    {
        Assert.Equal(0, _run.Topo("apply", _file, "-q").ExitCode);

        Assert.StartsWith("# topo:names ", File.ReadAllText(HostsOf("nm1")), StringComparison.Ordinal);
        var topo = _run.Process(null, "exec", "nm1", "--", "getent", "hosts", "nm_2.x");
        Assert.True(topo.ExitCode == 0, topo.Error);
        Assert.Matches(@"^10\.77\.0\.3\s+nm_2\.x\n$", topo.Out);
        Assert.Matches(@"^10\.77\.0\.2\s+nm1\n$", KernelSandbox.Run("ip", "netns", "exec", "nm_2.x", "getent", "hosts", "nm1"));
        var check = _run.Topo("check", _file);
        Assert.True(check.ExitCode == 0, check.Out + check.Error);
    }

    [KernelFact]
    public void Topo_exec_shows_the_node_s_own_interfaces_under_sys()
    {
        Assert.Equal(0, _run.Topo("apply", _file, "-q").ExitCode);

        var sys = _run.Process(null, "exec", "nm1", "--", "ls", "/sys/class/net");

        Assert.True(sys.ExitCode == 0, sys.Error);
        Assert.Equal(["eth0", "lo"], sys.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }

    [KernelFact]
    public void An_edited_hosts_file_is_drift_that_apply_repairs_and_down_removes_it_with_its_directory()
    {
        Assert.Equal(0, _run.Topo("apply", _file, "-q").ExitCode);
        var written = File.ReadAllText(HostsOf("nm1"));
        File.AppendAllText(HostsOf("nm1"), "10.9.9.9\tnm_2.x\n");

        var status = _run.Topo("status", _file);
        Assert.Equal(2, status.ExitCode);
        Assert.Contains("hosts file /etc/netns/nm1/hosts", status.Out);
        Assert.Equal(0, _run.Topo("apply", _file, "-q").ExitCode);
        Assert.Equal(written, File.ReadAllText(HostsOf("nm1")));
        Assert.Equal(0, _run.Topo("status", _file).ExitCode);

        Assert.Equal(0, _run.Topo("down", _file, "-q").ExitCode);
        Assert.False(Directory.Exists(Path.Combine(Hosts, "nm1")), "down leaves the directory topo made");
        Assert.False(Directory.Exists(Path.Combine(Hosts, "nm_2.x")), "down leaves the directory topo made");
    }

    [KernelFact]
    public void A_hosts_file_topo_did_not_write_is_a_conflict_and_survives_down()
    {
        Directory.CreateDirectory(Path.Combine(Hosts, "nm1"));
        const string mine = "127.0.0.1\tlocalhost\n10.1.1.1\tsomething\n";
        File.WriteAllText(HostsOf("nm1"), mine);

        var apply = _run.Topo("apply", _file, "-q");
        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("hosts file /etc/netns/nm1/hosts already exists and is not owned by this lab", apply.Error);
        Assert.Equal(mine, File.ReadAllText(HostsOf("nm1")));

        Assert.Equal(0, _run.Topo("down", _file, "-q").ExitCode);
        Assert.Equal(mine, File.ReadAllText(HostsOf("nm1")));
    }
}
