using System.Net;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Read;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Kinds;

/// <summary>
/// A VXLAN device's forwarding entries: appended in one batch per namespace with the run's other settings (as
/// addresses are: they need only their device), deleted one by one.
/// </summary>
internal sealed class FdbDriver : QueuedDriver<FdbResource>
{
    protected override void Add(RtnlBatch batch, FdbResource f) => batch.AppendFdb(Spec(f));

    // With the entry's own port and VNI: a delete that names others succeeds and deletes nothing.
    protected override void Remove(RtnlBatch batch, FdbResource f) => batch.DeleteFdb(Spec(f));

    private static FdbSpec Spec(FdbResource f) =>
        new(f.Device, IPAddress.Parse(f.Destination), f.Mac, f.Vni is { } vni ? (uint)vni : null, f.Port is { } port ? (ushort)port : null);

    /// <summary>
    /// The remotes of the namespace's VXLAN devices, each owned as its device is (<paramref name="ownerOf"/> the device's name).
    /// Left out: the entries of a bridge the device is a port of (no destination, not the device's own), the ones the
    /// device learnt from traffic (neither permanent nor static: they age out, and are no one's to keep or delete), and
    /// the device's own remote. That one the kernel adds when a device is made with <c>remote</c> (or <c>group</c>) and
    /// keeps as an all-zero entry like any other; it is part of the device, compared through its settings, and goes
    /// with it, so it is not an entry of its own: a standalone vxlan link then plans no entry to delete.
    /// (A lab never wants an entry that is its device's own remote: an overlay's device is made without one.)
    /// </summary>
    public static IEnumerable<FdbResource> Read(NamespaceSnapshot snapshot, Func<string, string?> ownerOf)
    {
        foreach (var entry in snapshot.Fdb)
        {
            if (!entry.Self || entry.Destination is null || (entry.State & (Nda.StatePermanent | Nda.StateNoArp)) == 0) continue;
            if (snapshot.ByIndex(entry.Index) is not { Kind: "vxlan" } link) continue;
            if (IsOwnRemote(entry, link)) continue;
            yield return new FdbResource(snapshot.Key, link.Name, entry.Mac, entry.Destination.ToString())
            {
                Port = entry.Port,
                Vni = entry.Vni is { } vni ? (int)vni : null,
                Owner = ownerOf(link.Name),
            };
        }
    }

    private static bool IsOwnRemote(FdbEntry entry, LinkInfo link) =>
        entry is { Mac: Nda.AllZeroMac, Port: null, Vni: null } && link.Vxlan?.Remote is { } remote && remote.Equals(entry.Destination);
}
