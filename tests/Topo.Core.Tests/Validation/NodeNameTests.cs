using Topo.Core.Kinds;

namespace Topo.Core.Tests.Validation;

/// <summary><c>names: true</c>: the hosts files the desired state holds, and checks <c>by: name</c>.</summary>
public sealed class NodeNameTests
{
    private const string Lab = """
        version: 1
        lab: names
        names: NAMES
        bridges:
          br0: {subnet: 172.20.0.0/24}
          quiet: {subnet: 172.21.0.0/24, names: false}
        nodes:
          box1: {}
          box2: {}
          mybox1_docker0: {}
          box4: {}
        links:
          - [box1:eth0, br0]
          - [box2:eth0, br0]
          - [box1:eth1, box4:eth1]
          - [mybox1_docker0:eth0, quiet]
          - [box2:eth2, quiet]
          - endpoints: [box1:eth2, box4:eth2]
            addresses: {box1:eth2: [fd00:9::1/64], box4:eth2: [fd00:9::4/64]}
        """;

    private static Dictionary<string, string> Files(string names)
    {
        var result = LabLoader.LoadText("lab.yaml", Lab.Replace("NAMES", names, StringComparison.Ordinal));
        Assert.True(result.Ok, string.Join("\n", result.Lines));
        return result.Lab!.Desired.Resources.OfType<HostsFileResource>().ToDictionary(h => h.Node, h => h.Text);
    }

    [Fact]
    public void Each_node_resolves_itself_and_the_nodes_it_shares_a_named_bridge_or_link_with_in_both_families()
    {
        var files = Files("true");

        // box1:eth1 <-> box4:eth1 has no addresses, so it names nothing; mybox1_docker0 is only on the quiet bridge.
        Assert.Equal(["box1", "box2", "box4"], files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
            "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
            + "172.20.0.2\tbox1\n172.20.0.3\tbox2\nfd00:9::1\tbox1\nfd00:9::4\tbox4\n",
            files["box1"]);
        // box2 shares only br0 with box1 (the quiet bridge says names: false), not box1's links.
        Assert.DoesNotContain("box4", files["box2"], StringComparison.Ordinal);
        Assert.DoesNotContain("mybox1_docker0", files["box2"], StringComparison.Ordinal);
    }

    [Fact]
    public void Without_names_there_is_no_hosts_file() => Assert.Empty(Files("false"));

    [Fact]
    public void A_mark_line_is_read_back_as_the_lab_s_and_anything_else_as_foreign()
    {
        var mark = HostsFileResource.MarkLine("topo:names", madeDirectory: true);
        Assert.Equal(("names", true, "127.0.0.1\tlocalhost\n"), HostsFileResource.Parse(mark + "\n127.0.0.1\tlocalhost\n"));
        Assert.Equal(("names", false, ""), HostsFileResource.Parse(HostsFileResource.MarkLine("topo:names", madeDirectory: false) + "\n"));
        Assert.Null(HostsFileResource.Parse("127.0.0.1 localhost\n").Lab);
        Assert.Null(HostsFileResource.Parse("# topo:names my own notes\n").Lab);
    }

    [Fact]
    public void A_check_by_name_needs_a_node_that_resolves_it()
    {
        const string text = """
            version: 1
            lab: names
            bridges:
              br0: {subnet: 172.20.0.0/24, names: true}
              br1: {subnet: 172.21.0.0/24}
            nodes:
              box1: {}
              box2: {}
              box3: {}
            links:
              - [box1:eth0, br0]
              - [box2:eth0, br0]
              - [box3:eth0, br1]
              - [box1:eth1, br1]
            checks:
              - {from: box1, to: box2, by: name, expect: reach}
              - {from: box1, to: box3, by: name, expect: reach}
              - {from: box1, to: 172.20.0.3, by: name, expect: reach}
              - {from: box1, to: box2, by: address, expect: reach}
            """;
        Assert.Equal(
            [
                "lab.yaml:18:22: checks[2].to: by: name looks up a node by its name: to is a node, optionally with :PORT (e.g. 'box2' or 'box2:80'), not '172.20.0.3'",
                "lab.yaml:19:32: checks[3].by: by 'address' must be 'name' (look the node in 'to' up by its name inside 'from'); leave it out to go by address",
            ],
            LabLoader.LoadText("lab.yaml", text).Lines);
        var second = LabLoader.LoadText("lab.yaml", string.Join('\n', text.Split('\n')[..^2]));
        Assert.Equal(
            ["lab.yaml:17:32: checks[1].by: 'box1' does not resolve 'box3': with names: true (at the top, or on a bridge they share) a node resolves the nodes it shares a bridge or link with, when they have addresses there"],
            second.Lines);
    }
}
