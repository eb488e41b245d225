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
        var ns = x.Pool.In(d.Namespace);
        // Made down, and up once DAD is off: the kernel makes a bridge's IPv6 link-local address when it comes up,
        // and while that address is tentative (a second or two) it sends no neighbour solicitation for a packet it
        // forwards into the bridge (it has no source for one): the first packets DNATed or routed to a node right
        // after apply would be lost. No DAD on a bridge the lab has just made, as the lab's addresses have none.
        ns.Client.Apply(b => b.CreateBridge(d.Name, new LinkOptions(d.Mtu, d.Mac, x.Links.Mark, d.Master, Up: false)));
        try
        {
            ns.Sysctls.Write($"net.ipv6.conf.{d.Name}.accept_dad", "0");
        }
        catch (KernelException e) when (e.Errno == Errors.ENOENT)
        {
            // IPv6 is off in this kernel: no link-local address, no DAD.
        }

        if (d.Up == true) ns.Client.Apply(b => b.SetUp(d.Name, true));
    }

    protected override LinkEnd DeviceOf(BridgeResource bridge) => bridge.Device;

    protected override LinkEnd? DeletedInterface(BridgeResource bridge) => bridge.Device;

    public Resource? Read(LinkRead read) => new BridgeResource(read.End) { Owner = read.Owner };
}
