using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Linux.Kinds;

/// <summary>Dummy interfaces: made, marked and brought up in their own namespace in one batch.</summary>
internal sealed class DummyDriver : DeviceDriver<DummyResource>, ILinkKindReader
{
    public string LinkKind => "dummy";

    protected override void Create(DummyResource dummy, KindContext x)
    {
        var d = dummy.Device;
        x.Links.MakeAndPlace(d, d.Namespace, (b, _) => b.CreateDummy(d.Name, null, new Rtnl.LinkOptions(d.Mtu, d.Mac)));
    }

    protected override LinkEnd DeviceOf(DummyResource dummy) => dummy.Device;

    public Resource? Read(LinkRead read)
    {
        var owner = read.Owner ?? read.NamespaceOwner;
        return new DummyResource(read.End) { Owner = owner, Marked = read.Owner is not null || owner is null };
    }
}
