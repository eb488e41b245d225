using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Testing.Kernel;

namespace Topo.Linux.Tests.Execute;

/// <summary>The kept listing of the host's table spares libnftables a listing, and never hides a change.</summary>
public sealed class KeptListingTests
{
    [KernelFact]
    public void A_read_after_a_hand_made_change_sees_it_although_the_listing_before_was_kept()
    {
        using var s = new SessionSandbox();
        var lab = new DockerLikeLab(s.Lab, s.Kernel.Name("n1"), s.Kernel.Name("n2"));
        s.Apply(lab.Desired);
        var kept = Path.Combine(s.StateDirectory, s.Lab, "nft-host.json");
        var table = NftTableResource.TableName(s.Lab);

        Assert.Empty(s.PlanNow(lab.Desired).Steps);
        Assert.True(File.Exists(kept));
        var before = File.ReadAllText(kept);
        Assert.Empty(s.PlanNow(lab.Desired).Steps);
        Assert.Equal(before, File.ReadAllText(kept));

        s.Kernel.Witness("nft", "add", "rule", "ip", table, "postrouting", "counter");
        var repair = Assert.Single(s.PlanNow(lab.Desired).Steps);

        Assert.Equal(ResourceKind.NftTable, repair.Key.Kind);
        Assert.NotEqual(before, File.ReadAllText(kept));
    }

    [KernelFact]
    public void A_table_deleted_by_hand_is_missing_at_the_next_read_and_its_listing_is_let_go()
    {
        using var s = new SessionSandbox();
        var lab = new DockerLikeLab(s.Lab, s.Kernel.Name("n1"), s.Kernel.Name("n2"));
        s.Apply(lab.Desired);
        var kept = Path.Combine(s.StateDirectory, s.Lab, "nft-host.json");
        Assert.Empty(s.PlanNow(lab.Desired).Steps);

        s.Kernel.Witness("nft", "delete", "table", "ip", NftTableResource.TableName(s.Lab));
        var repair = Assert.Single(s.PlanNow(lab.Desired).Steps);

        Assert.Equal(Topo.Core.Planning.ChangeAction.Create, repair.Action);
        Assert.False(File.Exists(kept));
    }

    [KernelFact]
    public void A_listing_kept_in_another_boot_is_not_used()
    {
        using var s = new SessionSandbox();
        var lab = new DockerLikeLab(s.Lab, s.Kernel.Name("n1"), s.Kernel.Name("n2"));
        s.Apply(lab.Desired);
        var kept = Path.Combine(s.StateDirectory, s.Lab, "nft-host.json");
        Assert.Empty(s.PlanNow(lab.Desired).Steps);
        var header = File.ReadAllLines(kept)[0];
        var boot = File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
        Assert.StartsWith($"boot {boot} ", header);

        // Same namespace cookie and generation, another boot, and a listing that says the table is empty.
        File.WriteAllText(kept, header.Replace(boot, "00000000-0000-0000-0000-000000000000", StringComparison.Ordinal) + "\n{\"nftables\": []}");

        Assert.Empty(s.PlanNow(lab.Desired).Steps);
        Assert.StartsWith($"boot {boot} ", File.ReadAllLines(kept)[0]);
    }
}
