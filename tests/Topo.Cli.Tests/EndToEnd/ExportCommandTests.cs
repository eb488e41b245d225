using System.Text;
using System.Text.Json;
using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// <c>topo export</c> round trip: a lab built by hand with <c>ip</c>, the tutorial way (no marks),
/// is exported, torn down, and applied from the export; the kernel ends up the same.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class ExportCommandTests : IDisposable
{
    private readonly LabRun _run = new();

    public void Dispose() => _run.Dispose();

    [KernelFact]
    public void A_hand_built_lab_exported_and_applied_again_gives_the_same_kernel_state()
    {
        var (a, b) = (_run.Sandbox.Name("a"), _run.Sandbox.Name("b"));
        foreach (var line in Script(a, b)) Ip(line);
        var byHand = Snapshot(a, b);

        var file = Path.Combine(_run.State, "exported.yaml");
        var export = _run.Topo("export", "--netns", a, b, "--include-host", "--name", "roundtrip", "-o", file);
        Assert.True(export.ExitCode == 0, export.Error);
        Assert.Equal("", export.Error);
        var text = File.ReadAllText(file);
        Assert.Equal(0, _run.Topo("validate", file).ExitCode);
        Assert.Contains("subnet: 10.50.0.0/24", text);
        Assert.Contains("mtu: 1400", text);
        // The addresses the script gave are the ones topo's pool gives in link order, so the bridge links are short.
        Assert.Contains($"- [{a}:eth0, br0:vha]", text);
        Assert.Contains("- {to: 10.70.0.0/16, via: 10.60.0.2}", text);

        foreach (var ns in new[] { a, b }) KernelSandbox.Run("ip", "netns", "del", ns);
        _run.Sandbox.Witness("ip", "link", "del", "br0");
        // A deleted namespace's veth ends leave the host a moment later, as the kernel frees it.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (IpWitness.Links(_run.Sandbox).Keys.Any(k => k is "vha" or "vhb") && DateTime.UtcNow < deadline) Thread.Sleep(20);
        Assert.DoesNotContain("br0", Snapshot(a, b, missingOk: true));

        var apply = _run.Topo("apply", file, "-q");
        Assert.True(apply.ExitCode == 0, apply.Error + "\n" + text);
        Assert.Equal(byHand, Snapshot(a, b));
    }

    [KernelFact]
    public void A_masquerade_a_script_added_is_exported_and_a_rule_a_file_cannot_say_is_named()
    {
        var (a, b) = (_run.Sandbox.Name("a"), _run.Sandbox.Name("b"));
        foreach (var line in Script(a, b)) Ip(line);
        _run.Sandbox.Witness("nft", "add", "table", "ip", "nat");
        _run.Sandbox.Witness("nft", "add", "chain", "ip", "nat", "postrouting", "{ type nat hook postrouting priority 100; }");
        _run.Sandbox.Witness("nft", "add", "rule", "ip", "nat", "postrouting", "ip", "saddr", "10.50.0.0/24", "oifname", "!=", "br0", "masquerade");
        _run.Sandbox.Witness("nft", "add", "table", "ip", "filter");
        _run.Sandbox.Witness("nft", "add", "chain", "ip", "filter", "input", "{ type filter hook input priority 0; }");
        _run.Sandbox.Witness("nft", "add", "rule", "ip", "filter", "input", "tcp", "dport", "23", "drop");

        var export = _run.Topo("export", "--netns", a, b, "--include-host", "--name", "scripted");

        Assert.Equal(0, export.ExitCode);
        Assert.Matches("br0:\n(    .*\n)*    masquerade: true\n", export.Out);
        Assert.Contains("nftables table ip filter in host: rule 'tcp dport 23 drop' is not exported", export.Error);
        Assert.DoesNotContain("table ip nat", export.Error);
    }

    [KernelFact]
    public void An_applied_lab_exports_its_nat_and_ports_and_the_export_is_in_sync_with_the_kernel()
    {
        var original = LabRun.Example("dockerish.yaml");
        Assert.Equal(0, _run.Topo("apply", original, "-q").ExitCode);

        var export = _run.Topo("export", "--lab", "dockerish");
        Assert.True(export.ExitCode == 0, export.Error);
        Assert.Contains("ports: [\"8080:80/tcp\"]", export.Out);
        Assert.Contains("masquerade: true", export.Out);
        Assert.Contains("isolated: true", export.Out);

        // Same lab name, same objects: status of the export against what the original made is in sync.
        var file = Path.Combine(_run.State, "dockerish.yaml");
        File.WriteAllText(file, export.Out);
        var status = _run.Topo("status", file, "--output", "json");
        Assert.True(status.ExitCode is 0 or 2, status.Error);
        Assert.True(status.ExitCode == 0, status.Out);
    }

    [KernelFact]
    public async Task A_dual_stack_lab_exported_says_both_families_and_rebuilds_the_same_kernel_state()
    {
        var original = Path.Combine(_run.State, "nat6.yaml");
        File.WriteAllText(original, DualStackNatTests.Lab);
        Assert.Equal(0, _run.Topo("apply", original, "-q").ExitCode);

        var export = _run.Topo("export", "--lab", "nat6");
        Assert.True(export.ExitCode == 0, export.Error);
        Assert.Equal("", export.Error);
        Assert.Contains("sysctls: {net.ipv4.ip_forward: 1, net.ipv6.conf.all.forwarding: 1}", export.Out);
        Assert.Matches("  docker0:\n    subnet: \\[172.17.0.0/16, \"fd00:17::/64\"\\]\n    address: 172.17.0.1\n    masquerade: true\n", export.Out);
        Assert.Matches("  back:\n    subnet: \\[172.22.0.0/16, \"fd00:22::/64\"\\]\n    address: 172.22.0.1\n    internal: true\n", export.Out);
        Assert.Contains("ports: [\"8080:80/tcp\", \"127.0.0.1:8081:80/tcp\", \"8000-8010:9000-9010/tcp\"]", export.Out);
        // The pool gives both families' addresses and default routes again: every bridge link is short.
        Assert.Matches(@"\n  - \[box1:eth0, docker0:[a-z0-9]+\]\n", export.Out);
        Assert.Matches(@"\n  - \[db:eth0, back:[a-z0-9]+\]\n", export.Out);
        Assert.Matches(@"\n  - \[pbox1:eth0, personal:[a-z0-9]+\]\n", export.Out);
        var exported = Path.Combine(_run.State, "exported.yaml");
        File.WriteAllText(exported, export.Out);
        Assert.True(_run.Topo("status", exported).ExitCode == 0, export.Out);

        // Rebuilt from the export alone, the kernel is what the original file wants, in both families.
        Assert.Equal(0, _run.Topo("down", original, "-q").ExitCode);
        var rebuilt = _run.Topo("apply", exported, "-q");
        Assert.True(rebuilt.ExitCode == 0, rebuilt.Error + "\n" + export.Out);
        var plan = _run.Topo("plan", original);
        Assert.True(plan.Out.Contains("No changes", StringComparison.Ordinal), plan.Out + "\n" + export.Out);
        Assert.True(_run.Pings("box1", "fd00:17::3"));
        Assert.False(_run.Pings("box1", "fd00:21::2"));
        using var web = _run.Node("web");
        using var pca = _run.Node("pca");
        await using var www = new Greeter(web, "web", 80);
        Assert.Equal("web saw fd00:200::2", await TcpProbe.Greeting(pca, "fd00:200::1", 8080));
    }

    [KernelFact]
    public void A_namespace_that_is_not_there_is_named()
    {
        var run = _run.Topo("export", "--netns", "nowhere");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("there is no namespace 'nowhere'", run.Error);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void Without_a_lab_or_namespaces_it_says_what_it_needs()
    {
        var run = CliRun.Of("export");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("export needs --lab LAB or --netns NAME", run.Error);
    }

    // Two namespaces on a bridge with addresses and default routes, and a /30 pair between them with its own MTU and a route over it.
    private static IEnumerable<string> Script(string a, string b)
    {
        yield return "ip link add br0 type bridge";
        yield return "ip link set br0 up";
        yield return "ip addr add 10.50.0.1/24 dev br0";
        var octet = 2;
        foreach (var (ns, port) in new[] { (a, "vha"), (b, "vhb") })
        {
            yield return $"ip netns add {ns}";
            yield return $"ip -n {ns} link set lo up";
            yield return $"ip link add {port} type veth peer name eth0 netns {ns}";
            yield return $"ip link set {port} master br0 up";
            yield return $"ip -n {ns} link set eth0 up";
            yield return $"ip -n {ns} addr add 10.50.0.{octet++}/24 dev eth0";
            yield return $"ip -n {ns} route add default via 10.50.0.1";
        }

        yield return $"ip -n {a} link add p1 mtu 1400 type veth peer name p2 netns {b} mtu 1400";
        yield return $"ip -n {a} link set p1 up";
        yield return $"ip -n {b} link set p2 up";
        yield return $"ip -n {a} addr add 10.60.0.1/30 dev p1";
        yield return $"ip -n {b} addr add 10.60.0.2/30 dev p2";
        yield return $"ip -n {a} route add 10.70.0.0/16 via 10.60.0.2";
        yield return "ip route add 10.80.0.0/16 via 10.50.0.2";
    }

    private void Ip(string line)
    {
        var args = line.Split(' ');
        // ip -n runs in a named namespace on its own; the rest acts on the sandbox's host.
        if (args.Length > 1 && (args[1] == "-n" || args[1] == "netns")) KernelSandbox.Run(args);
        else _run.Sandbox.Witness(args);
    }

    // Per namespace, every link's kind, master, state, MTU and addresses, and the routes the kernel
    // did not add itself; on the host the bridge, its addresses, its routes, and which namespace each
    // of its ports leads to (the host-side names may differ, so ports are counted, not named).
    private string Snapshot(string a, string b, bool missingOk = false)
    {
        var text = new StringBuilder();
        var host = IpWitness.Links(_run.Sandbox);
        foreach (var bridge in host.Values.Where(l => Kind(l) == "bridge").OrderBy(l => l.GetProperty("ifname").GetString(), StringComparer.Ordinal))
        {
            var name = bridge.GetProperty("ifname").GetString()!;
            var ports = host.Values.Count(l => l.TryGetProperty("master", out var m) && m.GetString() == name);
            text.AppendLine($"[host] {name} bridge {State(bridge)} mtu {bridge.GetProperty("mtu").GetInt32()} ports {ports} {string.Join(' ', IpWitness.Addresses(_run.Sandbox, null, name))}");
        }

        foreach (var route in IpWitness.Routes(_run.Sandbox, null).Order(StringComparer.Ordinal)) text.AppendLine($"[host] route {route}");
        foreach (var ns in new[] { a, b })
        {
            if (missingOk && !_run.Sandbox.Namespaces.Exists(ns)) continue;
            foreach (var (name, link) in IpWitness.Links(_run.Sandbox, ns).Where(l => l.Key != "lo").OrderBy(l => l.Key, StringComparer.Ordinal))
            {
                // The host end is the one whose index this end names and that names this end back.
                var peer = host.Values.FirstOrDefault(h => link.TryGetProperty("link_index", out var i) && h.GetProperty("ifindex").GetInt32() == i.GetInt32() &&
                                                           h.TryGetProperty("link_index", out var back) && back.GetInt32() == link.GetProperty("ifindex").GetInt32());
                var via = peer.ValueKind == JsonValueKind.Object && peer.TryGetProperty("master", out var m) ? $" port-of {m.GetString()}" : "";
                text.AppendLine($"[{ns[^1]}] {name} {Kind(link)} {State(link)} mtu {link.GetProperty("mtu").GetInt32()}{via} {string.Join(' ', IpWitness.Addresses(_run.Sandbox, ns, name))}");
            }

            foreach (var route in IpWitness.Routes(_run.Sandbox, ns).Order(StringComparer.Ordinal)) text.AppendLine($"[{ns[^1]}] route {route}");
        }

        return text.ToString();
    }

    private static string Kind(JsonElement link) =>
        link.TryGetProperty("linkinfo", out var info) && info.TryGetProperty("info_kind", out var k) ? k.GetString()! : "device";

    private static string State(JsonElement link) =>
        link.GetProperty("flags").EnumerateArray().Any(f => f.GetString() == "UP") ? "up" : "down";
}
