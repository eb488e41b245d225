using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// The lab's nftables table is the lab's by its mark (a comment in the table's user data), not by
/// its name: a table of that name made by hand is in the way of apply and is left alone by down.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class NftOwnershipTests : IDisposable
{
    private readonly LabRun _run = new();

    public void Dispose() => _run.Dispose();

    [KernelFact]
    public void An_applied_labs_table_carries_its_mark()
    {
        Assert.Equal(0, _run.Topo("apply", LabRun.Example("dockerish.yaml"), "-q").ExitCode);

        Assert.Contains("comment \"topo:dockerish\"", _run.Sandbox.Witness("nft", "list", "table", "ip", "topo-dockerish"));
    }

    [KernelFact]
    public void A_hand_made_table_of_the_labs_name_stops_apply_before_any_change_and_down_leaves_it()
    {
        HandMade("topo-dockerish");

        var apply = _run.Topo("apply", LabRun.Example("dockerish.yaml"));

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("nftables table topo-dockerish in host", apply.Error);
        Assert.Contains("not owned by this lab", apply.Error);
        Assert.Contains("delete it with 'nft delete table ip topo-dockerish' and apply again", apply.Error);
        Assert.Contains("nothing was changed", apply.Error);
        Assert.Empty(_run.Namespaces());
        Assert.Contains("counter", _run.Sandbox.Witness("nft", "list", "table", "ip", "topo-dockerish"));

        Assert.Equal(0, _run.Topo("down", "--lab", "dockerish", "-q").ExitCode);
        Assert.Contains("counter", _run.Sandbox.Witness("nft", "list", "table", "ip", "topo-dockerish"));
    }

    [KernelFact]
    public void Down_of_a_lab_that_never_existed_leaves_a_hand_made_table_of_its_name()
    {
        HandMade("topo-ghost");

        Assert.Equal(0, _run.Topo("down", "--lab", "ghost", "-q").ExitCode);

        Assert.Contains("counter", _run.Sandbox.Witness("nft", "list", "table", "ip", "topo-ghost"));
    }

    private void HandMade(string table)
    {
        _run.Sandbox.Witness("nft", "add", "table", "ip", table);
        _run.Sandbox.Witness("nft", "add", "chain", "ip", table, "mine");
        _run.Sandbox.Witness("nft", "add", "rule", "ip", table, "mine", "counter");
    }
}
