using System.Globalization;
using Topo.Core.State;

namespace Topo.Core.Kinds;

/// <summary>An 802.1Q sub-interface of <see cref="StackedDevice.Parent"/>: frames tagged with <see cref="Id"/> on the parent are its.</summary>
public sealed record VlanResource(LinkEnd Device, ResourceKey? Parent, int Id) : StackedDevice(Device, Parent)
{
    public override string Kind => "vlan";

    public override string TypeOptions => $"protocol 802.1Q id {Id.ToString(CultureInfo.InvariantCulture)}";

    protected override IEnumerable<Attr> KindAttributes => [new("id", Id.ToString(CultureInfo.InvariantCulture), AttrUpdate.Replace)];
}

/// <summary>A vlan by hand; a line from its parent to its namespace.</summary>
internal sealed class VlanText : StackedText<VlanResource>;
