using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// <c>topo check</c> over IPv6 on a dual-stack bridge: an ICMPv6 echo, a TCP handshake and a UDP exchange reach,
/// a closed port is refused (TCP reset, ICMPv6 port unreachable), an address the host has no route to is not reached,
/// and a check the lab cannot keep fails and says what it saw.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class Ipv6CheckTests : IDisposable
{
    private const string Lab = """
        version: 1
        lab: ck6
        host:
          sysctls: {net.ipv4.ip_forward: 1, net.ipv6.conf.all.forwarding: 1}
        bridges:
          ck6br: {subnet: [172.22.0.0/24, "fd00:22::/64"]}
        nodes:
          ck6a: {}
          ck6b: {}
        links:
          - [ck6a:eth0, ck6br]
          - [ck6b:eth0, ck6br]
        checks:

        """;

    private readonly LabRun _run = new();
    private readonly List<string> _files = [];

    public void Dispose()
    {
        _run.Dispose();
        foreach (var file in _files) File.Delete(file);
    }

    [KernelFact]
    public void Ipv6_checks_reach_are_refused_and_are_kept_out_as_the_file_says()
    {
        var file = Write("""
              - {from: ck6a, to: ck6b, family: 6, expect: reach}
              - {from: ck6a, to: "ck6b:80", family: 6, expect: reach}
              - {from: ck6a, to: "ck6b:53", proto: udp, family: 6, expect: reach}
              - {from: ck6a, to: "ck6b:81", family: 6, expect: refused}
              - {from: ck6a, to: "ck6b:54", proto: udp, family: 6, expect: refused}
              - {from: ck6a, to: "fd00:99::1", expect: no-reach}
              - {from: ck6a, to: "ck6b:80", expect: reach}
              - {from: ck6a, to: "fd00:22::1", expect: reach}
            """);
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);

        var check = _run.Topo("check", file);

        Assert.True(check.ExitCode == 0, check.Out + check.Error);
        var rows = Rows(check.Out);
        Assert.Equal(8, rows.Count);
        Assert.All(rows, row => Assert.StartsWith("ok ", row));
        Assert.Contains("reply from fd00:22::3", rows[0]);
        Assert.Contains("ck6b:80 ([fd00:22::3]:80) tcp  reach     connected to [fd00:22::3]:80 [stand-in listener on ck6b:80/tcp]", rows[1]);
        Assert.Contains("reply from [fd00:22::3]:53 (16 bytes) [stand-in listener on ck6b:53/udp]", rows[2]);
        Assert.Contains("refused (RST)", rows[3]);
        Assert.Contains("port unreachable (ICMP)", rows[4]);
        // No route in the host, which says so in ICMPv6: unreachable, not silence.
        Assert.Contains("net unreachable from fd00:22::1", rows[5]);
        // The same port over IPv4 in the same run: a stand-in of its own family, beside the IPv6 one.
        Assert.Contains("connected to 172.22.0.3:80 [stand-in listener on ck6b:80/tcp]", rows[6]);
        // iputils' ping -6, the witness, agrees with the first row.
        Assert.True(_run.Pings("ck6a", "fd00:22::3"));
    }

    [KernelFact]
    public void An_ipv6_check_the_lab_cannot_keep_fails_and_says_what_came_back()
    {
        var file = Write("""
              - {from: ck6a, to: "ck6b:81", family: 6, expect: reach, standin: false}
              - {from: ck6a, to: ck6b, family: 6, expect: no-reach}
            """);
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);

        var check = _run.Topo("check", file);

        Assert.Equal(1, check.ExitCode);
        var rows = Rows(check.Out);
        Assert.StartsWith("FAIL", rows[0]);
        Assert.Contains("fd00:22::3", rows[0]);
        Assert.Contains("refused (RST)", rows[0]);
        Assert.StartsWith("FAIL", rows[1]);
        Assert.Contains("reply from fd00:22::3", rows[1]);
    }

    private string Write(string checks)
    {
        var file = Path.Combine(Path.GetTempPath(), $"topo-ck6-{Guid.NewGuid():n}.yaml");
        File.WriteAllText(file, Lab + checks);
        _files.Add(file);
        return file;
    }

    private static List<string> Rows(string table) => table.TrimEnd('\n').Split('\n')[1..^1].ToList();
}
