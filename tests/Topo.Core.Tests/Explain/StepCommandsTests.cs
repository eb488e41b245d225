using Topo.Cli.Output;
using Topo.Core.Explain;
using Topo.Core.Planning;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Tests.Explain;

public sealed class StepCommandsTests
{
    private static string[] Create(Resource r) => [.. StepCommands.Of(new Change(ChangeAction.Create, null, r, []), "lab1")];

    [Fact]
    public void A_bridge_port_veth_is_made_from_the_host_marked_enslaved_and_brought_up()
    {
        var veth = VethResource.Of(new LinkEnd("box1", "eth0"), new LinkEnd(Netns.Host, "vethab12", Master: "docker0", Hairpin: true));

        Assert.Equal(
            [
                "ip link add vethab12 type veth peer name eth0 netns box1",
                "ip link set vethab12 alias topo:lab1",
                "ip link set vethab12 master docker0",
                "ip link set vethab12 type bridge_slave hairpin on",
                "ip link set vethab12 up",
                "ip -n box1 link set eth0 alias topo:lab1",
                "ip -n box1 link set eth0 up",
            ],
            Create(veth));
    }

    [Fact]
    public void An_attached_namespace_is_named_by_its_path_for_netns_and_entered_with_nsenter()
    {
        const string Proc = "/proc/4242/ns/net";
        var veth = VethResource.Of(new LinkEnd(Proc, "eth0"), new LinkEnd(Netns.Host, "vethab12", Master: "br0"));

        Assert.Equal(
            [
                "ip link add vethab12 type veth peer name eth0 netns /proc/4242/ns/net",
                "ip link set vethab12 alias topo:lab1",
                "ip link set vethab12 master br0",
                "ip link set vethab12 up",
                "nsenter --net=/proc/4242/ns/net ip link set eth0 alias topo:lab1",
                "nsenter --net=/proc/4242/ns/net ip link set eth0 up",
            ],
            Create(veth));
        Assert.Equal("nsenter --net=/proc/4242/ns/net ip addr add 10.80.0.2/24 dev eth0", Create(new AddressResource(Proc, "eth0", "10.80.0.2/24"))[0]);
    }

    [Fact]
    public void A_pair_between_two_namespaces_is_made_in_the_first_with_settings_on_each_end()
    {
        var veth = VethResource.Of(new LinkEnd("ns2", "eth0", Mtu: 1400, Mac: "02:00:00:00:00:02"), new LinkEnd("ns1", "eth0", Mtu: 1400));

        Assert.Equal("ip -n ns1 link add eth0 mtu 1400 type veth peer name eth0 netns ns2 mtu 1400 address 02:00:00:00:00:02", Create(veth)[0]);
    }

    [Fact]
    public void Names_a_shell_would_misread_are_quoted()
    {
        Assert.Equal("ip -n box1 addr add 10.0.0.1/24 dev 'a;b'", Create(new AddressResource("box1", "a;b", "10.0.0.1/24"))[0]);
        Assert.Equal("'it'\\''s'", ShellWords.Quote("it's"));
    }

    [Fact]
    public void An_ipv6_default_route_says_its_family_and_every_route_topos_protocol()
    {
        Assert.Equal("ip -n box1 route add ::/0 via 2001:db8::1 proto 116", Create(new RouteResource("box1", "::/0", "2001:db8::1", null))[0]);
    }

    [Fact]
    public void A_namespace_sysctl_is_written_inside_it()
    {
        Assert.Equal(["ip netns exec r1 sysctl -w net.ipv4.ip_forward=1"], Create(new SysctlResource("r1", "net.ipv4.ip_forward", "1")));
    }

    [Fact]
    public void A_table_in_a_namespace_is_loaded_with_nft_inside_it_declaring_only_chains_with_rules()
    {
        var table = new NftTableResource("r1", "topo-lab1", [new IsolationRule("br1", "br2")]);

        Assert.Equal(
            "ip netns exec r1 nft -f - <<'EOF'\nadd table ip topo-lab1 { comment \"topo:lab1\"; }\n" +
            "add chain ip topo-lab1 forward { type filter hook forward priority 0; policy accept; }\n" +
            "add rule ip topo-lab1 forward iifname \"br1\" oifname \"br2\" drop\nEOF",
            Assert.Single(Create(table)));
    }

    [Fact]
    public void The_transcript_marks_commands_and_continuation_lines()
    {
        Assert.Equal(
            "      # a note\n      $ nft -f - <<'EOF'\n      > add table ip t\n      > EOF\n",
            ExplainText.Transcript(["# a note", "nft -f - <<'EOF'\nadd table ip t\nEOF"]));
    }
}
