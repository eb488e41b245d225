using Topo.Core.Kinds;
using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Linux.Execute;
using Topo.Testing.Kernel;

namespace Topo.Linux.Tests.Execute;

/// <summary>
/// An overlay segment's share on one host, built by hand: a bridge, a VXLAN device enslaved to it and an all-zero
/// forwarding entry per other host (head-end replication). Made, read back, repaired and taken down through the
/// reconciler; <c>bridge fdb</c> is the witness.
/// </summary>
public sealed class FdbEntryTests
{
    private const string Far12 = "192.0.2.12";
    private const string Far13 = "192.0.2.13";

    private static readonly FdbResource To12 = new(Netns.Host, "vxov0", FdbResource.AllZeroMac, Far12);
    private static readonly FdbResource To13 = To12 with { Destination = Far13 };

    [KernelFact]
    public void Apply_appends_the_entries_and_a_second_plan_finds_nothing_to_do()
    {
        using var s = new SessionSandbox();
        var desired = Overlay(s.Lab, To12, To13);

        var applied = Apply(s, desired);

        Assert.Equal(2, applied.Steps.Count(c => c.Subject is FdbResource && c.Action == ChangeAction.Create));
        Assert.Equal(["00:00:00:00:00:00 dst 192.0.2.12", "00:00:00:00:00:00 dst 192.0.2.13"], Remotes(s));
        Assert.Empty(s.PlanNow(desired).Steps);
        var read = s.Session.Read(desired).Resources.OfType<FdbResource>().ToList();
        Assert.Equal([To12.Key, To13.Key], read.Select(f => f.Key).Order());
        Assert.All(read, f => Assert.Equal(s.Lab, f.Owner));
    }

    [KernelFact]
    public void An_entry_deleted_by_hand_is_planned_as_a_creation_and_repaired()
    {
        using var s = new SessionSandbox();
        var desired = Overlay(s.Lab, To12, To13);
        Apply(s, desired);

        s.Kernel.Witness("bridge", "fdb", "del", FdbResource.AllZeroMac, "dev", "vxov0", "dst", Far12);

        var change = Assert.Single(s.PlanNow(desired).Steps);
        Assert.Equal((ChangeAction.Create, To12.Key), (change.Action, change.Key));
        Apply(s, desired);
        Assert.Equal(["00:00:00:00:00:00 dst 192.0.2.12", "00:00:00:00:00:00 dst 192.0.2.13"], Remotes(s));
    }

    [KernelFact]
    public void An_entry_no_longer_wanted_is_deleted_and_the_others_stay()
    {
        using var s = new SessionSandbox();
        Apply(s, Overlay(s.Lab, To12, To13));

        var plan = Apply(s, Overlay(s.Lab, To13));

        var change = Assert.Single(plan.Steps);
        Assert.Equal((ChangeAction.Delete, To12.Key), (change.Action, change.Key));
        Assert.Equal(["00:00:00:00:00:00 dst 192.0.2.13"], Remotes(s));
    }

    // It hangs on the lab's device, so it is the lab's: as an address by hand on a lab's interface would be.
    [KernelFact]
    public void An_entry_appended_by_hand_to_the_labs_vxlan_is_deleted_with_its_port_and_vni()
    {
        using var s = new SessionSandbox();
        var desired = Overlay(s.Lab, To12);
        Apply(s, desired);
        s.Kernel.Witness("bridge", "fdb", "append", FdbResource.AllZeroMac, "dev", "vxov0", "dst", "192.0.2.99");
        // The wanted remote once more, on another port: to the kernel another entry, which a delete must name by its port.
        s.Kernel.Witness("bridge", "fdb", "append", FdbResource.AllZeroMac, "dev", "vxov0", "dst", Far12, "port", "4790", "vni", "77");

        var plan = s.PlanNow(desired);

        Assert.All(plan.Steps, c => Assert.Equal(ChangeAction.Delete, c.Action));
        Assert.Equal(
            ["vxov0 00:00:00:00:00:00 dst 192.0.2.12 port 4790 vni 77", "vxov0 00:00:00:00:00:00 dst 192.0.2.99"],
            plan.Steps.Select(c => c.Key.Name).Order(StringComparer.Ordinal));
        Apply(s, desired);
        Assert.Equal(["00:00:00:00:00:00 dst 192.0.2.12"], Remotes(s));
    }

    [KernelFact]
    public void A_vxlan_made_anew_gets_its_entries_back_and_one_deleted_by_hand_gets_them_with_it()
    {
        using var s = new SessionSandbox();
        Apply(s, Overlay(s.Lab, To12, To13));
        var renumbered = Overlay(s.Lab, To12, To13).Resources.Select(r => r is VxlanResource v ? v with { Vni = 4243 } : r);
        var desired = new LabState(s.Lab, [.. renumbered]);

        var plan = Apply(s, desired);

        // The entries go with the device they hang on: made again after it, with nothing left to delete.
        Assert.Contains(plan.Steps, c => c is { Action: ChangeAction.Replace, Subject: VxlanResource });
        Assert.All(plan.Steps.Where(c => c.Subject is FdbResource), c => Assert.Equal(ChangeAction.Create, c.Action));
        Assert.Equal(2, plan.Steps.Count(c => c.Subject is FdbResource));
        Assert.Equal(["00:00:00:00:00:00 dst 192.0.2.12", "00:00:00:00:00:00 dst 192.0.2.13"], Remotes(s));

        s.Kernel.Witness("ip", "link", "del", "vxov0");
        Assert.Equal(3, s.PlanNow(desired).Steps.Length);
        Apply(s, desired);
        Assert.Equal(["00:00:00:00:00:00 dst 192.0.2.12", "00:00:00:00:00:00 dst 192.0.2.13"], Remotes(s));
    }

    [KernelFact]
    public void Entries_the_vxlan_learnt_are_not_the_labs_to_keep_or_delete()
    {
        using var s = new SessionSandbox();
        var desired = Overlay(s.Lab, To12);
        Apply(s, desired);
        // What learning leaves (a remote MAC seen behind a far host): reachable, neither permanent nor static.
        s.Kernel.Witness("bridge", "fdb", "append", "02:42:0a:00:00:09", "dev", "vxov0", "dst", Far13, "dynamic");

        Assert.Empty(s.PlanNow(desired).Steps);
        Assert.Contains("02:42:0a:00:00:09 dst 192.0.2.13", Remotes(s));
    }

    [KernelFact]
    public void Down_takes_the_vxlan_with_its_entries_and_leaves_a_foreign_vxlans_entries_alone()
    {
        using var s = new SessionSandbox();
        s.Kernel.Witness("ip", "link", "add", "vxf", "type", "vxlan", "id", "99", "local", "192.0.2.11", "dstport", "4789");
        s.Kernel.Witness("bridge", "fdb", "append", FdbResource.AllZeroMac, "dev", "vxf", "dst", Far12);
        var desired = Overlay(s.Lab, To12, To13);
        Apply(s, desired);
        Assert.Contains(s.Session.Read(desired).Resources.OfType<FdbResource>(), f => f is { Device: "vxf", Owner: null });

        var down = new Reconciler(s.Session).Down(new RecordingObserver());

        // The device's deletion carries its entries away: no step of their own.
        Assert.DoesNotContain(down.Steps, c => c.Subject is FdbResource);
        Assert.DoesNotContain("vxov0", IpWitness.Links(s.Kernel).Keys);
        Assert.Equal(["00:00:00:00:00:00 dst 192.0.2.12"], IpWitness.Fdb(s.Kernel, null, "vxf"));
    }

    [KernelFact]
    public void A_standalone_vxlans_own_remote_is_part_of_the_device_not_an_entry_to_delete()
    {
        using var s = new SessionSandbox();
        var vxlan = new VxlanResource(new LinkEnd(Netns.Host, "vx0"), Netns.Host, 42, "192.0.2.2", null, "192.0.2.1", VxlanResource.DefaultPort);
        var desired = new LabState(s.Lab, [vxlan]);

        Apply(s, desired);

        // The kernel keeps the remote given at creation as an all-zero entry of the device.
        Assert.Equal(["00:00:00:00:00:00 dst 192.0.2.2"], IpWitness.Fdb(s.Kernel, null, "vx0").Where(e => e.Contains(" dst ", StringComparison.Ordinal)));
        Assert.Empty(s.PlanNow(desired).Steps);
        Assert.DoesNotContain(s.Session.Read(desired).Resources, r => r is FdbResource);
    }

    private static LabState Overlay(string lab, params FdbResource[] entries) =>
        new(lab,
        [
            new BridgeResource(new LinkEnd(Netns.Host, "brov0")),
            new VxlanResource(new LinkEnd(Netns.Host, "vxov0", Master: "brov0"), Netns.Host, 4242, null, null, "192.0.2.11", VxlanResource.DefaultPort),
            .. entries,
        ]);

    // Through the reconciler, as apply runs it: the entries' creations go in one batch, and the result is verified.
    private static Plan Apply(SessionSandbox s, LabState desired) => new Reconciler(s.Session).Apply(desired, new RecordingObserver());

    // The VXLAN's remotes: the bridge's entry for its port's own MAC has no destination.
    private static List<string> Remotes(SessionSandbox s) =>
        [.. IpWitness.Fdb(s.Kernel, null, "vxov0").Where(e => e.Contains(" dst ", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
}
