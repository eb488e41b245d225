using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Tests.Validation;

public sealed class GeneratedNameTests
{
    private static string BridgeSide(LabBuilder lab, string node) =>
        lab.Valid().Desired.Resources.OfType<VethResource>()
            .Select(v => v.A.Namespace == node ? v.B : v.B.Namespace == node ? v.A : null)
            .Single(e => e is not null)!.Name;

    private static LabBuilder Lab(string name = "dockerish") =>
        new LabBuilder().Lab(name).Bridge("docker0").Nodes("box1", "box2").Link("box1:eth0", "docker0").Link("box2:eth0", "docker0");

    [Fact]
    public void A_generated_name_is_veth_and_eight_hex_digits() =>
        Assert.Matches("^veth[0-9a-f]{8}$", BridgeSide(Lab(), "box1"));

    [Fact]
    public void A_generated_name_is_a_pinned_function_of_the_lab_and_the_other_end() =>
        // FNV-1a of "dockerish\nbox1:eth0": pinned so that no change of hash, input or process can rename interfaces silently.
        Assert.Equal("vethdaeeb432", BridgeSide(Lab(), "box1"));

    [Fact]
    public void A_generated_name_does_not_move_when_links_are_added_before_it()
    {
        var later = new LabBuilder().Lab("dockerish").Bridge("docker0").Nodes("box0", "box1", "box2")
            .Link("box0:eth0", "docker0").Link("box2:eth0", "docker0").Link("box1:eth0", "docker0");

        Assert.Equal(BridgeSide(Lab(), "box1"), BridgeSide(later, "box1"));
    }

    [Fact]
    public void Another_lab_gets_other_names() => Assert.NotEqual(BridgeSide(Lab(), "box1"), BridgeSide(Lab("other"), "box1"));

    [Fact]
    public void A_taken_name_makes_the_generated_one_step_aside_deterministically()
    {
        var taken = BridgeSide(Lab(), "box1");
        var lab = new LabBuilder().Lab("dockerish").Bridge("docker0").Nodes("box1", "x")
            .Link("x:eth0", $"host:{taken}")
            .Link("box1:eth0", "docker0");

        var first = BridgeSide(lab, "box1");
        Assert.NotEqual(taken, first);
        Assert.Matches("^veth[0-9a-f]{8}$", first);
        Assert.Equal(first, BridgeSide(lab, "box1"));
    }

    [Fact]
    public void Many_generated_names_are_unique_in_their_namespace()
    {
        // Two bridges, as one takes at most 1023 ports; the names share the host namespace all the same.
        var lab = new LabBuilder().Bridge("br0").Bridge("br1");
        for (var i = 0; i < 2000; i++) lab.Node($"n{i}").Link($"n{i}:eth0", $"br{i / 1000}");

        var names = lab.Valid().Desired.Resources.OfType<VethResource>().Select(v => v.A.Namespace.IsHost ? v.A.Name : v.B.Name).ToList();
        Assert.Equal(2000, names.Distinct().Count());
        Assert.All(names, n => Assert.True(n.Length <= 15));
    }
}
