using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Namespaces;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Kinds;

/// <summary>
/// Devices stacked on a parent (macvlan, ipvlan, vlan): made in the parent's namespace, where the parent has an
/// index, and placed straight in their own; then marked and brought up in the same batch when they stay there,
/// else through their own namespace's client. Read back with the parent where that namespace was read; in a lab's
/// namespace the lab's even unmarked (a kill before its mark).
/// </summary>
internal abstract class StackedDriver<T> : DeviceDriver<T>, ILinkKindReader where T : StackedDevice
{
    public abstract string LinkKind { get; }

    /// <summary>The kind's own request, on <paramref name="parent"/> (a name in the namespace the batch is for).</summary>
    protected abstract void Make(RtnlBatch batch, T device, string parent, NetnsHandle? target, LinkOptions options);

    /// <summary>The device as read, with its parent's key where that was read.</summary>
    protected abstract T Of(LinkRead read, ResourceKey? parent);

    protected override void Create(T stacked, KindContext x)
    {
        var d = stacked.Device;
        var parent = stacked.Parent ?? throw new ArgumentException($"{stacked.Describe()} has no parent to make it on");
        x.Links.MakeAndPlace(d, parent.Namespace, (b, target) => Make(b, stacked, parent.Name, target, new LinkOptions(d.Mtu, d.Mac)));
    }

    protected override LinkEnd DeviceOf(T stacked) => stacked.Device;

    public Resource? Read(LinkRead read)
    {
        var owner = read.Owner ?? read.NamespaceOwner;
        return Of(read, read.ParentKey) with { Owner = owner, Marked = read.Owner is not null || owner is null };
    }
}
