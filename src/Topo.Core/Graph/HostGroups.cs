using System.Collections.Immutable;
using Topo.Core.Kinds;
using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Core.Validation;

namespace Topo.Core.Graph;

/// <summary>
/// A lab that spans several machines as one picture: each machine's share drawn as on that machine, in a
/// group of its own, and the tunnels between the machines as lines between the groups. An overlay bridge's
/// copies are joined by their VXLAN devices (same VNI, no remote: they reach each other by forwarding
/// entries); a link between machines by its two ends, each a VXLAN device whose remote is the other's underlay.
/// </summary>
internal static class HostGroups
{
    private sealed record Drawn(Machine Machine, string Id, GraphDraft Draft, InterfaceAddresses Interfaces, ImmutableArray<VxlanResource> Tunnels);

    public static LabGraph Of(ValidatedLab lab)
    {
        var drawn = lab.Hosts.Select((machine, i) =>
        {
            var share = lab.Shares[machine.Name];
            var (draft, interfaces) = LabGraphBuilder.Draw(live: false, share.Resources.Select(r => (r, ObjectState.InSync)), share.Shared);
            return new Drawn(machine, $"g{i}", draft, interfaces, [.. share.Resources.OfType<VxlanResource>().OrderBy(v => v.Key)]);
        }).ToList();

        // The tunnels' boxes are named before the boxes are numbered; a tunnel's end is always one its share drew.
        var tunnels = drawn.SelectMany((one, i) => drawn.Skip(i + 1).SelectMany(other => Between(one, other))).ToList();
        var graphs = drawn.Select(d => d.Draft.Finish(lab.Lab, d.Id)).ToList();
        return new LabGraph(
            lab.Lab,
            Live: false,
            [.. graphs.SelectMany(g => g.Nodes)],
            [.. graphs.SelectMany(g => g.Edges), .. tunnels.Select(t => new GraphEdge(t.From.Draft.IdOf(t.FromBox), t.To.Draft.IdOf(t.ToBox), GraphEdgeKind.Tunnel, t.Tail, t.Head, t.Label, t.State))])
        {
            Groups = [.. drawn.Zip(graphs, (d, g) => new GraphGroup(d.Id, $"{d.Machine.Name} (underlay {d.Machine.Underlay})", [.. g.Nodes.Select(n => n.Id)]))],
        };
    }

    private static IEnumerable<(Drawn From, NodeDraft FromBox, Drawn To, NodeDraft ToBox, string? Tail, string? Head, string Label, ObjectState State)> Between(Drawn one, Drawn other)
    {
        foreach (var here in one.Tunnels)
        {
            foreach (var there in other.Tunnels.Where(t => t.Vni == here.Vni))
            {
                if (here is { Remote: null, Device.Master: { } bridge } && there is { Remote: null, Device.Master: { } otherBridge })
                {
                    yield return (one, one.Draft.Bridge(here.Device.Namespace, bridge), other, other.Draft.Bridge(there.Device.Namespace, otherBridge),
                        here.Device.Name, there.Device.Name, $"vxlan {here.Vni}", ObjectState.InSync);
                }
                else if (here.Remote == other.Machine.Underlay && there.Remote == one.Machine.Underlay)
                {
                    var state = ObjectState.InSync;
                    var tail = one.Draft.EndLabel(here.Device.Namespace, here.Device.Name, one.Interfaces, ref state);
                    var head = other.Draft.EndLabel(there.Device.Namespace, there.Device.Name, other.Interfaces, ref state);
                    yield return (one, one.Draft.Namespace(here.Device.Namespace), other, other.Draft.Namespace(there.Device.Namespace), tail, head, $"vxlan {here.Vni}", state);
                }
            }
        }
    }
}
