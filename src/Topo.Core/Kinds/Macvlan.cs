using System.Collections.Immutable;
using System.Globalization;
using Topo.Core.Explain;
using Topo.Core.Graph;
using Topo.Core.Planning;
using Topo.Core.State;

namespace Topo.Core.Kinds;

/// <summary>A macvlan device, in one of the kernel's modes (<c>bridge</c> unless written).</summary>
public sealed record MacvlanResource(LinkEnd Device, ResourceKey? Parent, string? Mode) : StackedDevice(Device, Parent)
{
    /// <summary>The default mode: the macvlans of one parent reach each other, but not the parent.</summary>
    public const string BridgeMode = "bridge";

    public override string Kind => "macvlan";

    public override string TypeOptions => $"mode {Mode ?? BridgeMode}";

    protected override IEnumerable<Attr> KindAttributes => [new("mode", Mode, AttrUpdate.Replace)];

    public override string Describe(NamespaceNames names) => $"macvlan {names.End(Device)} on {ParentIn(names) ?? "an unknown parent"}" + (Mode is null ? "" : $" (mode {Mode})");
}

/// <summary>A macvlan by hand; a line from its parent to its namespace.</summary>
internal sealed class MacvlanText : StackedText<MacvlanResource>;
