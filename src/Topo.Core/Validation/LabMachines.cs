using System.Collections.Immutable;
using Topo.Core.Model;

namespace Topo.Core.Validation;

/// <summary>A machine of a lab that spans several: its name, the address its tunnels use, how ssh reaches it.</summary>
public sealed record Machine(string Name, string Underlay, string Ssh);

/// <summary>An overlay bridge's segment: its VXLAN id and port, and the VXLAN device enslaved to it on each machine.</summary>
internal sealed record OverlaySegment(string Bridge, int Vni, int Port, string Device);

/// <summary>
/// Where each node and bridge of the lab lives. A lab without <c>hosts:</c> has no machines: everything is on the
/// machine that applies it, exactly as before hosts existed. Every machine computes the same answer from the same
/// file, so no machine has to ask another.
/// </summary>
internal sealed record LabMachines(
    ImmutableArray<Machine> All,
    ImmutableDictionary<string, string> NodeHost,
    ImmutableDictionary<string, string> BridgeHost,
    ImmutableDictionary<string, OverlaySegment> Overlays)
{
    public const int DefaultPort = 4789;

    /// <summary>The VXLAN header and the outer IPv4 and UDP headers, which a tunnelled frame carries on the underlay.</summary>
    public const int TunnelOverhead = 50;

    /// <summary>The MTU of a tunnelled interface unless the file says so: 50 under an underlay of 1500.</summary>
    public const int TunnelMtu = 1500 - TunnelOverhead;

    public static readonly LabMachines None = new([], ImmutableDictionary<string, string>.Empty, ImmutableDictionary<string, string>.Empty, ImmutableDictionary<string, OverlaySegment>.Empty);

    public bool Spans => !All.IsEmpty;

    public Machine? Find(string name) => All.FirstOrDefault(m => m.Name == name);
}
