using System.Diagnostics;
using System.Text.Json;
using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary><c>topo check</c> on real labs: every example's own checks hold, and a check that fails says what was seen.</summary>
[Collection(LabCollection.Name)]
public sealed class CheckCommandTests : IDisposable
{
    private readonly LabRun _run = new();
    private readonly List<string> _files = [];

    public void Dispose()
    {
        _run.Dispose();
        foreach (var file in _files) File.Delete(file);
    }

    [KernelTheory]
    [InlineData("01-veth-pair.yaml", 4)]
    [InlineData("02-bridge.yaml", 5)]
    [InlineData("03-host-veth.yaml", 4)]
    [InlineData("04-none-network.yaml", 2)]
    [InlineData("06-host-network.yaml", 4)]
    [InlineData("dockerish.yaml", 7)]
    [InlineData("11-dual-stack.yaml", 8)]
    public void Every_check_of_an_example_holds_once_it_is_applied(string example, int checks)
    {
        var file = LabRun.Example(example);
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);

        var check = _run.Topo("check", file);

        Assert.True(check.ExitCode == 0, check.Out + check.Error);
        var rows = Rows(check.Out);
        Assert.Equal(checks, rows.Count);
        Assert.All(rows, row => Assert.StartsWith("ok ", row));
        Assert.EndsWith($"All {checks} checks hold.\n", check.Out);
    }

    [KernelFact]
    public void The_port_map_check_lands_on_a_stand_in_listener_in_web_and_json_and_the_log_say_so()
    {
        var file = LabRun.Example("dockerish.yaml");
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);

        var check = _run.Topo("check", file, "--output", "json", "-v");

        Assert.Equal(0, check.ExitCode);
        Assert.Contains("web:80/tcp: stand-in listener started", check.Error);
        Assert.Contains("check 3/7 tcp from pca to 10.200.0.1:8080: connected to 10.200.0.1:8080 in ", check.Error);
        using var json = JsonDocument.Parse(check.Out);
        Assert.Equal("dockerish", json.RootElement.GetProperty("lab").GetString());
        Assert.True(json.RootElement.GetProperty("ok").GetBoolean());
        var rows = json.RootElement.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(7, rows.Count);
        Assert.All(rows, r => Assert.True(r.GetProperty("holds").GetBoolean()));
        var portMap = rows[2];
        Assert.Equal(("pca", "host:8080", "10.200.0.1", "tcp", 8080), (
            portMap.GetProperty("from").GetString(), portMap.GetProperty("to").GetString(), portMap.GetProperty("address").GetString(),
            portMap.GetProperty("protocol").GetString(), portMap.GetProperty("port").GetInt32()));
        Assert.Equal("answer", portMap.GetProperty("seen").GetString());
        Assert.Equal("web:80/tcp", portMap.GetProperty("standIn").GetString());
        Assert.Equal("no-reach", rows[1].GetProperty("expect").GetString());
        Assert.Equal("no-answer", rows[1].GetProperty("seen").GetString());
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("port").ValueKind);
        Assert.True(rows[0].GetProperty("timeMs").GetDouble() >= 0);
    }

    [KernelFact]
    public async Task A_real_service_on_the_port_is_used_and_needs_no_stand_in()
    {
        var file = LabRun.Example("dockerish.yaml");
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);
        using var web = _run.Node("web");
        await using var server = new Greeter(web, "web", 80);

        var check = _run.Topo("check", file);

        Assert.Equal(0, check.ExitCode);
        var portMap = Rows(check.Out)[2];
        Assert.Contains("connected to 10.200.0.1:8080", portMap);
        Assert.DoesNotContain("stand-in", portMap);
    }

    [KernelFact]
    public void A_broken_port_map_fails_even_though_the_host_answers_with_a_refusal()
    {
        // Why a stand-in listener and not "a RST counts as reached": without the DNAT rule the
        // host itself refuses port 8080, and that refusal must not pass for the port map working.
        var file = LabRun.Example("dockerish.yaml");
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);
        _run.Sandbox.Witness("nft", "delete", "table", "ip", "topo-dockerish");

        var check = _run.Topo("check", file);

        Assert.Equal(1, check.ExitCode);
        var portMap = Rows(check.Out)[2];
        Assert.StartsWith("FAIL", portMap);
        Assert.Contains("refused (RST)", portMap);
        Assert.StartsWith("FAIL", Rows(check.Out)[1]);
        Assert.Contains("reply from 172.21.240.1", Rows(check.Out)[1]);
    }

    [KernelFact]
    public void A_published_udp_port_is_checked_through_its_dnat_with_an_echoing_stand_in()
    {
        var file = Lab("""
            version: 1
            lab: ckudp
            host: {sysctls: {net.ipv4.ip_forward: 1}}
            bridges: {ckbr0: {subnet: 10.65.0.0/24}}
            nodes:
              cksrv: {ports: ["5300:53/udp"]}
              ckcli: {routes: [{to: default, via: 10.66.0.1}]}
            links:
              - [cksrv:eth0, ckbr0]
              - endpoints: [ckcli:eth0, host:ckcli0]
                addresses: {ckcli:eth0: 10.66.0.2/24, host:ckcli0: 10.66.0.1/24}
            checks:
              - {from: ckcli, to: "host:5300", proto: udp, expect: reach}
            """);
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);

        var check = _run.Topo("check", file);

        Assert.True(check.ExitCode == 0, check.Out);
        Assert.Contains("reply from 10.66.0.1:5300 (16 bytes) [stand-in listener on cksrv:53/udp]", Rows(check.Out)[0]);

        _run.Sandbox.Witness("nft", "delete", "table", "ip", "topo-ckudp");
        var broken = _run.Topo("check", file);

        Assert.Equal(1, broken.ExitCode);
        Assert.Matches(@"^FAIL .* port unreachable \(ICMP\) \[stand-in listener on cksrv:53/udp\]", Rows(broken.Out)[0]);
    }

    [KernelFact]
    public void A_failing_check_exits_1_and_its_row_says_what_was_seen()
    {
        var file = PairLab("ckfail", "10.61.0", """
              - {from: cka, to: ckb, expect: reach}
              - {from: cka, to: ckb, expect: no-reach}
              - {from: cka, to: "10.62.0.9:80", proto: tcp, expect: reach}
            """);
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);

        var check = _run.Topo("check", file);

        Assert.Equal(1, check.ExitCode);
        var rows = Rows(check.Out);
        Assert.StartsWith("ok ", rows[0]);
        Assert.Matches(@"^FAIL\s+cka\s+ckb \(10\.61\.0\.2\) icmp\s+no-reach\s+reply from 10\.61\.0\.2\s+\d+\.\dms$", rows[1]);
        Assert.Matches(@"^FAIL\s+cka\s+10\.62\.0\.9:80 tcp\s+reach\s+no route\s", rows[2]);
        Assert.EndsWith("2 of 3 checks failed.\n", check.Out);
    }

    [KernelFact]
    public void Checks_run_at_once_so_the_run_takes_the_slowest_timeout_not_the_sum()
    {
        var file = PairLab("ckslow", "10.63.0", """
              - {from: cka, to: 10.63.0.20, expect: no-reach, timeout: 1s}
              - {from: cka, to: 10.63.0.21, expect: no-reach, timeout: 1s}
              - {from: cka, to: 10.63.0.22, expect: no-reach, timeout: 1s}
              - {from: ckb, to: 10.63.0.23, expect: no-reach, timeout: 1s}
              - {from: ckb, to: 10.63.0.24, expect: no-reach, timeout: 1s}
              - {from: ckb, to: 10.63.0.25, expect: no-reach, timeout: 1s}
            """);
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);

        var clock = Stopwatch.StartNew();
        var check = _run.Topo("check", file);
        clock.Stop();

        Assert.Equal(0, check.ExitCode);
        Assert.All(Rows(check.Out), row => Assert.Contains("no answer", row));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"six 1s checks took {clock.Elapsed}");
    }

    [KernelFact]
    public void Checking_a_lab_that_is_not_applied_fails_and_says_the_namespace_is_missing()
    {
        var check = _run.Topo("check", LabRun.Example("01-veth-pair.yaml"));

        Assert.Equal(1, check.ExitCode);
        Assert.All(Rows(check.Out), row => Assert.StartsWith("FAIL", row));
        Assert.Contains("namespace 'ns1' not found (is the lab applied?)", Rows(check.Out)[0]);
        Assert.Empty(_run.Namespaces());
    }

    /// <summary>The table's rows, without the header and the summary line.</summary>
    private static List<string> Rows(string table) => table.TrimEnd('\n').Split('\n')[1..^1].ToList();

    [KernelFact]
    public void A_lab_without_checks_has_nothing_to_fail()
    {
        var check = _run.Topo("check", PairLab("cknone", "10.64.0", ""));

        Assert.Equal(0, check.ExitCode);
        Assert.Equal("No checks in the file.\n", check.Out);
    }

    [KernelFact]
    public async Task Refused_holds_on_a_closed_port_and_fails_saying_filtered_or_open_otherwise()
    {
        var file = PairLab("ckrefuse", "10.67.0", """
              - {from: cka, to: "ckb:81", expect: refused}
              - {from: cka, to: "ckb:82", expect: refused}
              - {from: cka, to: "ckb:83", expect: refused}
              - {from: cka, to: "ckb:53", proto: udp, expect: refused}
            """);
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);
        // A firewall in ckb drops port 82: silence, where a closed port answers with a reset.
        KernelSandbox.Run("ip", "netns", "exec", "ckb", "nft", "add table inet cktest; add chain inet cktest in { type filter hook input priority 0; }; add rule inet cktest in tcp dport 82 drop");
        using var ckb = _run.Node("ckb");
        await using var server = new Greeter(ckb, "ckb", 83);

        var check = _run.Topo("check", file);

        Assert.Equal(1, check.ExitCode);
        var rows = Rows(check.Out);
        Assert.Matches(@"^ok\s+cka\s+ckb:81 \(10\.67\.0\.2:81\) tcp\s+refused\s+refused \(RST\)\s", rows[0]);
        Assert.Matches(@"^FAIL\s.*\s+refused\s+no answer \(filtered: dropped without a reset or ICMP unreachable\)\s", rows[1]);
        Assert.Matches(@"^FAIL\s.*\s+refused\s+connected to 10\.67\.0\.2:83 \(open: it answered, so not refused\)\s", rows[2]);
        Assert.DoesNotContain("stand-in", check.Out);
        Assert.Matches(@"^ok\s.*udp\s+refused\s+port unreachable \(ICMP\)\s", rows[3]);
        Assert.EndsWith("2 of 4 checks failed.\n", check.Out);
    }

    [KernelFact]
    public async Task Standin_false_meets_the_namespace_as_it_is_and_proves_a_real_service()
    {
        // Nothing listens on the host's port 9099: with a stand-in, the no-reach check cannot hold.
        string Node(string standIn) => Lab($$"""
            version: 1
            lab: ckreal
            nodes:
              ckn: {}
            links:
              - endpoints: [ckn:eth0, host:ckreal0]
                addresses: {ckn:eth0: 10.68.0.2/24, host:ckreal0: 10.68.0.1/24}
            checks:
              - {from: ckn, to: "host:9099", expect: no-reach{{standIn}}}
            """);
        var withStandIn = Node("");
        var real = Node(", standin: false");
        Assert.Equal(0, _run.Topo("apply", real, "-q").ExitCode);

        var standIn = _run.Topo("check", withStandIn);
        var closed = _run.Topo("check", real);
        var none = _run.Topo("check", withStandIn, "--no-standin");

        Assert.Matches(@"^FAIL\s.*no-reach\s+connected to 10\.68\.0\.1:9099 \[stand-in listener on host:9099/tcp\]", Rows(standIn.Out)[0]);
        Assert.Equal(0, closed.ExitCode);
        Assert.Matches(@"^ok\s.*no-reach\s+refused \(RST\)\s", Rows(closed.Out)[0]);
        Assert.Equal(0, none.ExitCode);
        Assert.Equal(Rows(closed.Out)[0][..40], Rows(none.Out)[0][..40]);
        await using (new Greeter(_run.Sandbox.Host, "host", 9099))
        {
            var open = _run.Topo("check", real);

            Assert.Equal(1, open.ExitCode);
            Assert.Matches(@"^FAIL\s.*no-reach\s+connected to 10\.68\.0\.1:9099\s+\d", Rows(open.Out)[0]);
        }
    }

    /// <summary>Two nodes cka and ckb on one veth pair, PREFIX.1 and PREFIX.2, with the given check lines.</summary>
    private string PairLab(string lab, string prefix, string checks) => Lab($$"""
        version: 1
        lab: {{lab}}
        nodes:
          cka: {}
          ckb: {}
        links:
          - endpoints: [cka:eth0, ckb:eth0]
            addresses: {cka:eth0: {{prefix}}.1/24, ckb:eth0: {{prefix}}.2/24}
        {{(checks.Length == 0 ? "" : "checks:\n" + checks)}}
        """);

    private string Lab(string text)
    {
        var file = Path.Combine(Path.GetTempPath(), $"topo-check-{Guid.NewGuid():n}.yaml");
        File.WriteAllText(file, text);
        _files.Add(file);
        return file;
    }
}
