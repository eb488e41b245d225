using Topo.Core.Kinds;
using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Linux.Read;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Kinds;

/// <summary>Addresses: added in one batch per namespace with the run's other settings, deleted one by one.</summary>
internal sealed class AddressDriver : KindDriver<AddressResource>
{
    public override StepRun RunOf(ChangeAction action) => action == ChangeAction.Create ? StepRun.Settings : StepRun.Alone;

    public override (Netns Ns, Action<RtnlBatch> Build) Queue(Change step)
    {
        var a = (AddressResource)step.After!;
        return (a.Ns, b => b.AddAddress(a.Device, a.Cidr));
    }

    protected override void Create(AddressResource a, KindContext x) => x.Pool.In(a.Ns).Client.Apply(b => b.AddAddress(a.Device, a.Cidr));

    protected override void Delete(AddressResource a, KindContext x) => x.Pool.In(a.Ns).Client.Apply(b => b.DeleteAddress(a.Device, a.Cidr));

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
