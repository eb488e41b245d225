using System.Collections.Immutable;
using Topo.Core.Kinds;
using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Kinds;

/// <summary>Linux bridges: made marked in one request, their settings changed in place.</summary>
internal sealed class BridgeDriver : DeviceDriver<BridgeResource>, ILinkKindReader
{
    public string LinkKind => "bridge";

    public override StepRun RunOf(ChangeAction action) => action == ChangeAction.Delete ? StepRun.Deletions : StepRun.Alone;

    protected override void Create(BridgeResource bridge, KindContext x)
    {
        var d = bridge.Device;
        x.Pool.In(d.Namespace).Client.Apply(b => b.CreateBridge(d.Name, new LinkOptions(d.Mtu, d.Mac, x.Links.Mark, d.Master, d.Up ?? false)));
    }

    protected override LinkEnd DeviceOf(BridgeResource bridge) => bridge.Device;

    protected override LinkEnd? DeletedInterface(BridgeResource bridge) => bridge.Device;

    public Resource? Read(LinkRead read) => new BridgeResource(read.End) { Owner = read.Owner };
}
