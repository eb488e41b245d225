using Topo.Cli.Output;
using Topo.Core;
using Topo.Core.Export;
using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Core.Validation;
using Topo.Linux.Probes;
using Topo.Testing;
using Topo.Core.Kinds;

namespace Topo.Cli.Tests.Output;

/// <summary>
/// Every <c>--output json</c> document to the byte: property order, indentation, nulls, numbers and
/// escaping are part of what scripts read.
/// </summary>
public sealed class JsonOutputGoldenTests
{
    private static ValidatedLab Example(string name) => LabLoader.Load(Path.Combine(CliRun.Repo(), "examples", name)).Lab!;

    private static LabState Owned(LabState state) => state with { Resources = [.. state.Resources.Select(r => r with { Owner = state.Lab })] };

    public static TheoryData<string> Examples() =>
        [.. Directory.GetFiles(Path.Combine(CliRun.Repo(), "examples"), "*.yaml").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order()];

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_plan_of_each_example_from_empty(string example)
    {
        // A lab of several machines is planned a machine at a time: the first one's share.
        var lab = Example(example + ".yaml") is { Spans: true } spanning ? spanning.On(spanning.Hosts[0].Name) : Example(example + ".yaml");

        Golden.Match($"plan-{example}", PlanJson.Write(Planner.Plan(lab.Desired, LabState.Empty(lab.Lab)).Plan));
    }

    [Fact]
    public void The_plan_of_down_has_null_new_values()
    {
        var lab = Example("dockerish.yaml");

        Golden.Match("plan-down", PlanJson.Write(Planner.Plan(LabState.Empty(lab.Lab), Owned(lab.Desired)).Plan));
    }

    [Fact]
    public void Status_with_every_state()
    {
        var desired = Example("dockerish.yaml").Desired;
        var applied = Owned(desired).Resources;
        var actual = new LabState(desired.Lab,
        [
            .. applied.Skip(1).Select(r => r is SysctlResource s ? s with { Value = s.Value + "0" } : r),
            new NamespaceResource("stray") { Owner = desired.Lab },
        ]);

        Golden.Match("status", StatusJson.Write(StatusReport.Of(desired, Planner.Plan(desired, actual))));
    }

    [Fact]
    public void Inspect_with_peers_nulls_rules_and_characters_to_escape()
    {
        var br0 = ReadState.End(Netns.Host, 3, "br0", "bridge", mac: "02:00:00:00:00:03", alias: "topo:lab \"q\" <&> café");
        var eth0 = ReadState.End("web", 2, "eth0", "veth", mac: "02:00:00:00:00:02");
        var vweb = ReadState.End(Netns.Host, 4, "vweb", "veth", "br0", 9000, up: false);
        // web's end points at vweb, but its peer was not worked out: it shows the index alone.
        var state = ReadState.Of("lab", [Netns.Host, "web", "/proc/42/ns/net"],
        [
            new BridgeResource(br0),
            new OtherLinkResource(ReadState.PeerOf(vweb, eth0), "veth"),
            new NamespaceResource("web") { Owner = "lab" },
            new OtherLinkResource(eth0 with { Kernel = eth0.Kernel! with { LinkIndex = 4 } }, "veth"),
            .. ReadState.Addresses(br0, "10.1.0.1/24", "fd00::1/64"),
            .. ReadState.Addresses(eth0, "10.1.0.2/24"),
            new RouteResource(Netns.Host, "default", "192.0.2.1", null),
            new RouteResource(Netns.Host, "10.9.0.0/16", null, "br0"),
            new SysctlResource(Netns.Host, "net.ipv4.ip_forward", "1"),
            new SysctlResource(Netns.Host, "net.ipv6.conf.all.forwarding", "0"),
            new NftTableResource(Netns.Host, NftTableResource.TableName("lab"),
                [new MasqueradeRule("10.1.0.0/24") { Comment = "masquerade br0" }, new DnatRule(NftChain.Prerouting, "tcp", null, 8080, "10.1.0.2", 80), new IsolationRule("br0", "br1")]),
        ]);

        Golden.Match("inspect", InspectJson.Write("lab", state));
    }

    [Fact]
    public void Check_with_ports_stand_ins_and_times()
    {
        var tcp = new ResolvedCheck("web", "web", "db:5432", "10.1.0.3", "tcp", 5432, true, TimeSpan.FromSeconds(1));
        var icmp = new ResolvedCheck(Netns.Host, "monitor", "web", "10.1.0.2", "icmp", null, false, TimeSpan.FromSeconds(1));
        CheckResult[] results =
        [
            new(tcp, new ProbeResult(Seen.Answer, "handshake with 10.1.0.3:5432", TimeSpan.FromMilliseconds(12.345)), "db:5432/tcp"),
            new(icmp, new ProbeResult(Seen.NoAnswer, "no reply in 1 s", TimeSpan.FromMilliseconds(1000)), null),
            new(icmp, new ProbeResult(Seen.Error, "namespace \"web\" is missing", TimeSpan.FromTicks(1)), null),
        ];

        Golden.Match("check", CheckTableJson.Write("lab", results));
    }

    [Fact]
    public void Validation_of_a_valid_and_an_invalid_file()
    {
        // Loaded from text under a short name: the file's place on this machine stays out of the golden file.
        var valid = LabLoader.LoadText("dockerish.yaml", File.ReadAllText(Path.Combine(CliRun.Repo(), "examples", "dockerish.yaml")));
        var invalid = LabLoader.LoadText("many-errors.yaml",
            File.ReadAllText(Path.Combine(CliRun.Repo(), "tests", "Topo.Core.Tests", "Invalid", "validate", "many-errors-in-file-order.yaml")));

        Golden.Match("validate-valid", ValidationJson.Write(valid));
        Golden.Match("validate-invalid", ValidationJson.Write(invalid));
    }
}
