using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Read;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Kinds;

/// <summary>Addresses: added in one batch per namespace with the run's other settings, deleted one by one.</summary>
internal sealed class AddressDriver : QueuedDriver<AddressResource>
{
    protected override void Add(RtnlBatch batch, AddressResource a) => batch.AddAddress(a.Device, a.Cidr);

    protected override void Remove(RtnlBatch batch, AddressResource a) => batch.DeleteAddress(a.Device, a.Cidr);

    /// <summary>The namespace's addresses but the kernel's own (IPv6 link-local, the loopback's), each owned as its interface is.</summary>
    public static IEnumerable<AddressResource> Read(NamespaceSnapshot snapshot)
    {
        foreach (var address in snapshot.Addresses.Where(a => !a.IsLinkLocal))
        {
            if (snapshot.ByIndex(address.Index) is not { Name: not "lo" } link) continue;
            yield return new AddressResource(snapshot.Key, link.Name, address.Cidr) { Owner = Ownership.LabOf(link.Alias) };
        }
    }
}
