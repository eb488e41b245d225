using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// NAT in both families in the kernel: NAT66, published ports over IPv6 (from outside, the host and hairpin),
/// isolation in both families, an internal bridge, a port on the host's loopback and a port range, with
/// ping, a TCP greeter in the namespaces and nft as witnesses.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class DualStackNatTests : IDisposable
{
    internal const string Lab = """
        version: 1
        lab: nat6
        host:
          sysctls: {net.ipv4.ip_forward: 1, net.ipv6.conf.all.forwarding: 1}
        bridges:
          docker0: {subnet: [172.17.0.0/16, "fd00:17::/64"], masquerade: true}
          personal: {subnet: [172.21.0.0/16, "fd00:21::/64"], masquerade: true, isolated: true}
          back: {subnet: [172.22.0.0/16, "fd00:22::/64"], internal: true}
        nodes:
          box1: {}
          web:
            ports: ["8080:80/tcp", "127.0.0.1:8081:80", "8000-8010:9000-9010"]
          pbox1: {}
          db: {}
          pca:
            routes: [{to: default, via: 10.200.0.1}]
        links:
          - [box1:eth0, docker0]
          - [web:eth0, docker0]
          - [pbox1:eth0, personal]
          - [db:eth0, back]
          - endpoints: [pca:eth0, host:pca0]
            addresses:
              pca:eth0: [10.200.0.2/24, "fd00:200::2/64"]
              host:pca0: [10.200.0.1/24, "fd00:200::1/64"]
        """;

    private readonly LabRun _run = new();

    public void Dispose() => _run.Dispose();

    [KernelFact]
    public async Task Both_families_are_natted_published_isolated_and_kept_in_and_the_plan_is_empty_after_apply()
    {
        var file = Path.Combine(_run.State, "nat6.yaml");
        File.WriteAllText(file, Lab);

        var applied = _run.Topo("apply", file, "-q");
        Assert.True(applied.ExitCode == 0, applied.Error);
        Assert.Contains("No changes", _run.Topo("plan", file).Out);

        Assert.True(_run.Pings("box1", "fd00:17::3"));
        Assert.False(_run.Pings("box1", "172.21.0.2"));
        Assert.False(_run.Pings("box1", "fd00:21::2"));
        // Internal: the gateway answers in both families, nothing beyond, and nothing from outside gets in.
        Assert.True(_run.Pings("db", "172.22.0.1"));
        Assert.True(_run.Pings("db", "fd00:22::1"));
        Assert.False(_run.Pings("db", "10.200.0.2"));
        Assert.False(_run.Pings("pca", "172.22.0.2"));
        Assert.False(_run.Pings("pca", "fd00:22::2"));
        Assert.DoesNotContain("default", KernelSandbox.Run("ip", "-n", "db", "route"));

        using (var box1 = _run.Node("box1"))
        using (var web = _run.Node("web"))
        using (var pca = _run.Node("pca"))
        {
            await using var www = new Greeter(web, "web", 80);
            await using var first = new Greeter(web, "r9000", 9000);
            await using var middle = new Greeter(web, "r9005", 9005);
            await using var outside = new Greeter(pca, "pca", 7000);

            Assert.Equal("web saw fd00:17::2", await TcpProbe.Greeting(box1, "fd00:17::3", 80));
            Assert.Equal("web saw fd00:200::2", await TcpProbe.Greeting(pca, "fd00:200::1", 8080));
            Assert.StartsWith("web saw ", await TcpProbe.Greeting(_run.Sandbox.Host, "fd00:17::1", 8080));
            Assert.Equal("web saw fd00:17::1", await TcpProbe.Greeting(web, "fd00:17::1", 8080));
            // NAT66: pca sees the host's address, not box1's.
            Assert.Equal("pca saw fd00:200::1", await TcpProbe.Greeting(box1, "fd00:200::2", 7000));
            Assert.Equal("pca saw 10.200.0.1", await TcpProbe.Greeting(box1, "10.200.0.2", 7000));
            // The loopback port, from the host's own loopback, as docker-proxy makes it.
            Assert.Equal("web saw 172.17.0.1", await TcpProbe.Greeting(_run.Sandbox.Host, "127.0.0.1", 8081));
            Assert.Null(await TcpProbe.Greeting(_run.Sandbox.Host, "127.0.0.1", 8080, TimeSpan.FromMilliseconds(500)));
            // The range: each host port to its node port, one past the end to nothing.
            Assert.Equal("r9000 saw 10.200.0.2", await TcpProbe.Greeting(pca, "10.200.0.1", 8000));
            Assert.Equal("r9005 saw fd00:200::2", await TcpProbe.Greeting(pca, "fd00:200::1", 8005));
            Assert.Null(await TcpProbe.Greeting(pca, "10.200.0.1", 8011, TimeSpan.FromMilliseconds(500)));
        }

        Assert.Equal("1", _run.Sandbox.Witness("cat", "/proc/sys/net/ipv4/conf/docker0/route_localnet").Trim());
        var ip = _run.Sandbox.Witness("nft", "list", "table", "ip", "topo-nat6");
        var ip6 = _run.Sandbox.Witness("nft", "list", "table", "ip6", "topo-nat6");
        foreach (var table in new[] { ip, ip6 })
        {
            // One rule and one map per hook for the eleven ports, not a rule per port.
            Assert.Equal(2, table.Split('\n').Count(l => l.Contains("dport 8000-8010 dnat to", StringComparison.Ordinal) && l.Contains("dport map { 8000 : 9000, ", StringComparison.Ordinal)));
            Assert.DoesNotContain("dport 8001 ", table);
            Assert.Contains("iifname \"back\" oifname != \"back\" drop", table);
        }

        Assert.Contains("ip6 saddr fd00:17::/64 ip6 daddr != fd00:17::/64 masquerade", ip6);
        Assert.Contains("oifname \"docker0\" ip saddr 127.0.0.0/8 masquerade", ip);

        Assert.Equal(0, _run.Topo("down", file, "-q").ExitCode);
        Assert.Equal("", _run.Sandbox.Witness("nft", "list", "ruleset").Trim());
    }

    [KernelFact]
    public void The_ip6_table_goes_when_the_file_no_longer_needs_it()
    {
        const string twoFamilies = """
            version: 1
            lab: nat6
            bridges:
              br0: {subnet: [172.17.0.0/16, "fd00:17::/64"]}
            nodes:
              web: {ports: ["172.17.0.1:8080:80", "[fd00:17::1]:8081:80"]}
            links:
              - [web:eth0, br0]
            """;
        var file = Path.Combine(_run.State, "nat6.yaml");
        File.WriteAllText(file, twoFamilies);
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);
        Assert.Equal("table ip topo-nat6\ntable ip6 topo-nat6", _run.Sandbox.Witness("nft", "list", "tables").Trim());

        File.WriteAllText(file, twoFamilies.Replace(", \"[fd00:17::1]:8081:80\"", ""));
        var applied = _run.Topo("apply", file, "-q");

        Assert.True(applied.ExitCode == 0, applied.Error);
        Assert.Equal("table ip topo-nat6", _run.Sandbox.Witness("nft", "list", "tables").Trim());
        Assert.Contains("No changes", _run.Topo("plan", file).Out);
    }
}
