using System.Text.Json;
using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// <c>topo inspect</c> on the Docker-like example: what it says about peers, masters, addresses,
/// routes and NAT is checked against <c>ip -j</c> and the kernel's own indexes.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class InspectCommandTests : IDisposable
{
    private readonly LabRun _run = new();

    public void Dispose() => _run.Dispose();

    [KernelFact]
    public void Box1_s_eth0_is_paired_with_the_host_veth_on_docker0_and_web_s_port_is_shown()
    {
        var file = LabRun.Example("dockerish.yaml");
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);

        var inspect = _run.Topo("inspect", file, "--output", "json");
        Assert.Equal(0, inspect.ExitCode);
        using var doc = JsonDocument.Parse(inspect.Out);
        var box1 = Namespace(doc, "box1");
        var eth0 = Interface(box1, "eth0");
        var peer = eth0.GetProperty("peer");
        Assert.Equal("host", peer.GetProperty("namespace").GetString());

        // The witness: box1's eth0@ifN names the index of a host veth enslaved to docker0.
        var seenInBox1 = IpWitness.Links(_run.Sandbox, "box1")["eth0"];
        var hostEnd = IpWitness.Links(_run.Sandbox).Values.Single(l => l.GetProperty("ifindex").GetInt32() == seenInBox1.GetProperty("link_index").GetInt32());
        Assert.Equal(hostEnd.GetProperty("ifname").GetString(), peer.GetProperty("name").GetString());
        Assert.Equal(hostEnd.GetProperty("ifindex").GetInt32(), peer.GetProperty("index").GetInt32());
        Assert.Equal("docker0", hostEnd.GetProperty("master").GetString());
        var hostSide = Interface(Namespace(doc, "host"), peer.GetProperty("name").GetString()!);
        Assert.Equal("docker0", hostSide.GetProperty("master").GetString());
        Assert.Equal("box1", hostSide.GetProperty("peer").GetProperty("namespace").GetString());
        Assert.Equal(seenInBox1.GetProperty("ifindex").GetInt32(), hostSide.GetProperty("peer").GetProperty("index").GetInt32());

        Assert.Equal(seenInBox1.GetProperty("address").GetString(), eth0.GetProperty("mac").GetString());
        Assert.Equal(seenInBox1.GetProperty("mtu").GetInt32(), eth0.GetProperty("mtu").GetInt32());
        Assert.Equal("up", eth0.GetProperty("state").GetString());
        Assert.Equal(IpWitness.Addresses(_run.Sandbox, "box1", "eth0"), Strings(eth0.GetProperty("addresses")));
        Assert.Equal(["172.17.0.2/16"], Strings(eth0.GetProperty("addresses")));
        var routes = box1.GetProperty("routes").EnumerateArray()
            .Select(r => r.GetProperty("to").GetString() + (r.GetProperty("via").GetString() is { } via ? $" via {via}" : "") + $" dev {r.GetProperty("dev").GetString()}")
            .ToList();
        Assert.Equal(IpWitness.Routes(_run.Sandbox, "box1"), routes);
        Assert.Equal(["default via 172.17.0.1 dev eth0"], routes);

        // The router's link carries the file's MTU on both ends; the bridge its gateway address.
        Assert.Equal(1400, Interface(Namespace(doc, "router"), "eth1").GetProperty("mtu").GetInt32());
        Assert.Equal("1", Namespace(doc, "router").GetProperty("sysctls").GetProperty("net.ipv4.ip_forward").GetString());
        Assert.Equal("0", box1.GetProperty("sysctls").GetProperty("net.ipv4.ip_forward").GetString());
        Assert.Equal(["172.17.0.1/16"], Strings(Interface(Namespace(doc, "host"), "docker0").GetProperty("addresses")));

        var webAddress = IpWitness.Addresses(_run.Sandbox, "web", "eth0").Single().Split('/')[0];
        var nat = doc.RootElement.GetProperty("nat").EnumerateArray().Select(r => r.GetProperty("chain").GetString() + ": " + r.GetProperty("rule").GetString()).ToList();
        Assert.Contains($"prerouting: fib daddr type local tcp dport 8080 dnat to {webAddress}:80", nat);
        Assert.Contains("postrouting: ip saddr 172.17.0.0/16 ip daddr != 172.17.0.0/16 masquerade", nat);
    }

    [KernelFact]
    public void The_table_names_each_veth_s_other_end_and_the_lab_is_found_by_its_marks()
    {
        Assert.Equal(0, _run.Topo("apply", LabRun.Example("01-veth-pair.yaml"), "-q").ExitCode);
        var ns2Index = IpWitness.Links(_run.Sandbox, "ns2")["eth0"].GetProperty("ifindex").GetInt32();

        var inspect = _run.Topo("inspect", "--lab", LabName("01-veth-pair.yaml"));
        Assert.Equal(0, inspect.ExitCode);
        var lines = inspect.Out.Split('\n');
        var ns1Block = lines.SkipWhile(l => !l.StartsWith("netns ns1", StringComparison.Ordinal)).Take(3).ToList();
        Assert.Contains(ns1Block, l => l.Contains($"eth0@if{ns2Index}", StringComparison.Ordinal) && l.Contains("ns2:eth0", StringComparison.Ordinal) && l.Contains("10.100.0.1/16", StringComparison.Ordinal));
        Assert.Contains("netns ns2 (lab ", inspect.Out);
        Assert.Contains("nftables: no table ip topo-veth-pair in the host or the lab's namespaces", inspect.Out);
        Assert.DoesNotContain(lines, l => l.EndsWith(' '));
    }

    [KernelFact]
    public void Rules_are_listed_under_their_own_chains_and_an_empty_or_missing_table_is_named()
    {
        Assert.Equal(0, _run.Topo("apply", LabRun.Example("dockerish.yaml"), "-q").ExitCode);

        var inspect = _run.Topo("inspect", "--lab", "dockerish");

        Assert.Contains("\nnftables table ip topo-dockerish in host:\n", inspect.Out);
        Assert.Matches("\n  forward \\(filter\\): iifname \"[^\"]+\" oifname \"[^\"]+\" drop comment \"isolated [^\"]+\"\n", inspect.Out);
        Assert.Contains("\n  postrouting (nat): ip saddr 172.17.0.0/16 ip daddr != 172.17.0.0/16 masquerade comment \"masquerade docker0\"\n", inspect.Out);
        Assert.DoesNotContain("\nnat", inspect.Out);

        _run.Sandbox.Witness("nft", "flush", "table", "ip", "topo-dockerish");
        Assert.Contains("\nnftables table ip topo-dockerish in host: no rules\n", _run.Topo("inspect", "--lab", "dockerish").Out);
        _run.Sandbox.Witness("nft", "delete", "table", "ip", "topo-dockerish");
        Assert.Contains("\nnftables: no table ip topo-dockerish in the host or the lab's namespaces\n", _run.Topo("inspect", "--lab", "dockerish").Out);
    }

    [KernelFact]
    public void A_veth_into_a_namespace_not_shown_keeps_its_at_if_index()
    {
        Assert.Equal(0, _run.Topo("apply", LabRun.Example("01-veth-pair.yaml"), "-q").ExitCode);
        var foreign = _run.Sandbox.Name("f");
        KernelSandbox.Run("ip", "netns", "add", foreign);
        KernelSandbox.Run("ip", "-n", "ns1", "link", "add", "out0", "type", "veth", "peer", "name", "in0", "netns", foreign);
        var farIndex = IpWitness.Links(_run.Sandbox, foreign)["in0"].GetProperty("ifindex").GetInt32();

        var inspect = _run.Topo("inspect", "--lab", LabName("01-veth-pair.yaml"));

        Assert.Equal(0, inspect.ExitCode);
        Assert.Contains(inspect.Out.Split('\n'), l => l.Contains($"out0@if{farIndex} ", StringComparison.Ordinal) && l.Contains("(not shown)", StringComparison.Ordinal));
        Assert.DoesNotContain($"netns {foreign}", inspect.Out);
    }

    [KernelFact]
    public void A_lab_that_is_not_there_is_said_to_be_missing()
    {
        var inspect = _run.Topo("inspect", LabRun.Example("02-bridge.yaml"));
        Assert.Equal(0, inspect.ExitCode);
        Assert.StartsWith($"Lab '{LabName("02-bridge.yaml")}' is not there", inspect.Out);
    }

    [Fact]
    public void Without_a_file_or_a_lab_it_says_what_it_needs()
    {
        var run = CliRun.Of("inspect");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("inspect needs a lab file or --lab LAB", run.Error);
    }

    private static string LabName(string example) =>
        Topo.Core.LabLoader.Load(LabRun.Example(example)).Lab!.Lab;

    private static JsonElement Namespace(JsonDocument doc, string name) =>
        doc.RootElement.GetProperty("namespaces").EnumerateArray().Single(n => n.GetProperty("name").GetString() == name);

    private static JsonElement Interface(JsonElement ns, string name) =>
        ns.GetProperty("interfaces").EnumerateArray().Single(i => i.GetProperty("name").GetString() == name);

    private static List<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
