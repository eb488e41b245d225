using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Read;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Kinds;

/// <summary>An existing interface in one of the lab's bridges: enslaved, moved to another bridge, released; never more.</summary>
internal sealed class BridgePortDriver : KindDriver<BridgePortResource>
{
    protected override void Create(BridgePortResource p, KindContext x) => x.Pool.In(p.Ns).Client.Apply(b => b.SetMaster(p.Interface, p.Bridge));

    protected override void Update(BridgePortResource after, System.Collections.Immutable.ImmutableArray<Core.Planning.AttrChange> changes, KindContext x) =>
        Create(after, x);

    protected override void Delete(BridgePortResource p, KindContext x)
    {
        try
        {
            x.Pool.In(p.Ns).Client.Apply(b => b.SetMaster(p.Interface, null));
        }
        catch (KernelException e) when (e.Errno == Errors.ENODEV)
        {
            // The interface went away (a NIC unplugged): nothing is left to release.
        }
    }

    /// <summary>
    /// The bridge ports of the snapshot that no lab made: interfaces without a lab's mark whose master is a bridge.
    /// Such an enslavement is the lab's whose bridge it is; one to a bridge of no lab's is in the way of a lab that wants it.
    /// </summary>
    public static IEnumerable<BridgePortResource> Read(NamespaceSnapshot snapshot)
    {
        foreach (var link in snapshot.Links)
        {
            if (link.MasterIndex is not { } index || Ownership.LabOf(link.Alias) is not null) continue;
            if (snapshot.ByIndex(index) is not { Kind: "bridge" } bridge) continue;
            yield return new BridgePortResource(snapshot.Key, link.Name, bridge.Name) { Owner = Ownership.LabOf(bridge.Alias) };
        }
    }
}
