using Topo.Core.Explain;
using Topo.Core.Graph;
using Topo.Core.Planning;
using Topo.Core.State;

namespace Topo.Core.Kinds;

/// <summary>
/// An ipvlan device, as Docker's ipvlan driver makes: it shares its parent's MAC and is told apart by its
/// addresses, in mode <c>l2</c> (the default), <c>l3</c> or <c>l3s</c>.
/// </summary>
public sealed record IpvlanResource(LinkEnd Device, ResourceKey? Parent, string? Mode) : StackedDevice(Device, Parent)
{
    public const string DefaultMode = "l2";

    public override string Kind => "ipvlan";

    public override string TypeOptions => $"mode {Mode ?? DefaultMode}";

    protected override IEnumerable<Attr> KindAttributes => [new("mode", Mode, AttrUpdate.Replace)];
}

/// <summary>An ipvlan by hand; a line from its parent to its namespace.</summary>
internal sealed class IpvlanText : StackedText<IpvlanResource>;
