using Topo.Core.State;
using Topo.Linux.Namespaces;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Kinds;

/// <summary>What every kind of interface shares: marked as the lab's by its alias, its settings changed in place, deleted.</summary>
internal sealed class LinkSteps(string mark, NamespacePool pool)
{
    public string Mark => mark;

    /// <summary>A device's changed settings, in the order given (<see cref="LinkSettings.Changed"/>'s), with the device's own values.</summary>
    public void Update(LinkEnd device, IReadOnlyList<LinkSetting> settings) =>
        pool.In(device.Namespace).Client.Apply(b =>
        {
            foreach (var setting in settings) Set(b, device, setting);
        });

    /// <summary>
    /// Makes a device in <paramref name="madeIn"/> (where what it stands on is: a macvlan's parent, a vxlan's
    /// socket) straight into its own namespace, given to <paramref name="create"/> when that is another; then
    /// marks it and brings it up, in the same batch when it stays there, else through its own namespace's client.
    /// </summary>
    public void MakeAndPlace(LinkEnd device, Netns madeIn, Action<RtnlBatch, NetnsHandle?> create)
    {
        var placed = device.Namespace != madeIn;
        pool.In(madeIn).Client.Apply(b =>
        {
            create(b, placed ? pool.In(device.Namespace).Handle : null);
            if (!placed) Finish(b, device);
        });
        if (placed) pool.In(device.Namespace).Client.Apply(b => Finish(b, device));
    }

    public void Delete(LinkEnd device)
    {
        try
        {
            pool.In(device.Namespace).Client.Apply(b => b.Delete(device.Name));
        }
        catch (KernelException e) when (e.Errno == Errors.ENODEV)
        {
            // Gone between the read and now: a veth whose peer was in a namespace that died meanwhile
            // (an attached container that exited) goes when the kernel frees that namespace. Gone is what the step wants.
        }
    }

    /// <summary>
    /// Marks the end as the lab's and sets its master, hairpin and up, in the batch of the end's namespace.
    /// The mark goes in the datagram of the request before it: right after a creation, that one's.
    /// </summary>
    public void Finish(RtnlBatch b, LinkEnd end)
    {
        b.WithPrevious().SetAlias(end.Name, mark);
        if (end.Master is { } master) b.SetMaster(end.Name, master);
        if (end.Hairpin == true) b.SetHairpin(end.Name, true);
        if (end.Up == true) b.SetUp(end.Name, true);
    }

    private void Set(RtnlBatch batch, LinkEnd device, LinkSetting setting)
    {
        var name = device.Name;
        switch (setting)
        {
            case LinkSetting.Marked: batch.SetAlias(name, mark); break;
            case LinkSetting.Master: batch.SetMaster(name, device.Master ?? throw NoValue(device, setting)); break;
            case LinkSetting.Mtu: batch.SetMtu(name, device.Mtu ?? throw NoValue(device, setting)); break;
            case LinkSetting.Mac: batch.SetMac(name, device.Mac ?? throw NoValue(device, setting)); break;
            case LinkSetting.Hairpin: batch.SetHairpin(name, device.Hairpin ?? throw NoValue(device, setting)); break;
            case LinkSetting.Up: batch.SetUp(name, device.Up ?? throw NoValue(device, setting)); break;
        }
    }

    // A changed setting is one the file manages, so the device it wants holds the new value.
    private static ArgumentException NoValue(LinkEnd device, LinkSetting setting) =>
        new($"no new value for '{LinkSettings.Name(setting)}' of {device.Display}");
}
