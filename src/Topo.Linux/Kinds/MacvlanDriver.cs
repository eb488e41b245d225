using System.Collections.Immutable;
using Topo.Core.Kinds;
using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Kinds;

/// <summary>Macvlans: made in their parent's namespace and placed straight in their own; settings changed in place.</summary>
internal sealed class MacvlanDriver : DeviceDriver<MacvlanResource>, ILinkKindReader
{
    public string LinkKind => "macvlan";

    /// <summary>
    /// Made in its parent's namespace, where the parent has an index, and placed straight in its own;
    /// then marked and brought up in the same batch when it stays there, else through its own namespace's client.
    /// </summary>
    protected override void Create(MacvlanResource macvlan, KindContext x)
    {
        var d = macvlan.Device;
        var parent = macvlan.Parent ?? throw new ArgumentException($"{macvlan.Describe()} has no parent to make it on");
        var mode = MacvlanModes.ValueOf(macvlan.Mode ?? MacvlanResource.BridgeMode);
        x.Links.MakeAndPlace(d, parent.Namespace, (b, target) => b.CreateMacvlan(d.Name, parent.Name, target, mode, new LinkOptions(d.Mtu, d.Mac)));
    }

    protected override LinkEnd DeviceOf(MacvlanResource macvlan) => macvlan.Device;

    /// <summary>With its parent where that was read; in a lab's namespace the lab's even unmarked (a kill before its mark).</summary>
    public Resource? Read(LinkRead read)
    {
        var owner = read.Owner ?? read.NamespaceOwner;
        return new MacvlanResource(read.End, read.ParentKey, read.Link.MacvlanMode) { Owner = owner, Marked = read.Owner is not null || owner is null };
    }
}
