using System.Collections.Immutable;
using System.Globalization;
using Topo.Core.Explain;
using Topo.Core.Graph;
using Topo.Core.Planning;
using Topo.Core.State;

namespace Topo.Core.Kinds;

/// <summary>
/// A macvlan device stacked on <see cref="Parent"/> (which may live in another namespace than the
/// device). The kernel deletes it along with its parent, so it is <see cref="Resource.StackedOn"/> it.
/// Kind, mode and parent cannot change in place: a device with another one is made anew.
/// </summary>
public sealed record MacvlanResource(LinkEnd Device, ResourceKey? Parent, string? Mode) : Resource
{
    /// <summary>The only mode topo makes: the macvlans of one parent reach each other, but not the parent.</summary>
    public const string BridgeMode = "bridge";

    public override ResourceKey Key => Device.Key;

    /// <summary>
    /// False for an owned device read without the mark (a kill between placing it in the lab's namespace
    /// and marking it there): the file wants it marked, so that is a change to make.
    /// </summary>
    public bool Marked { get; init; } = true;

    public override IEnumerable<ResourceKey> Dependencies
    {
        get
        {
            if (!Device.Namespace.IsHost) yield return ResourceKey.OfNamespace(Device.Namespace);
            if (Parent is not { } parent) yield break;
            if (!parent.Namespace.IsHost && parent.Namespace != Device.Namespace)
                yield return ResourceKey.OfNamespace(parent.Namespace);
            yield return parent;
        }
    }

    public override IEnumerable<ResourceKey> StackedOn => Parent is { } parent ? [parent] : [];

    public override IEnumerable<(LinkEnd Stays, Netns OtherNamespace)> Tethers => Parent is { } parent ? [(Device, parent.Namespace)] : [];

    /// <summary>The parent as the file writes it (<c>host:lan0</c>, <c>box1:eth0</c>); null when the kernel's parent was not read.</summary>
    public string? ParentDisplay => ParentIn(NamespaceNames.Plain);

    private string? ParentIn(NamespaceNames names) => Parent is { } p ? $"{names.Of(p.Namespace)}:{p.Name}" : null;

    public override IEnumerable<LinkEnd> Interfaces => [Device];

    public override IEnumerable<Attr> Attributes =>
    [
        new("kind", "macvlan", AttrUpdate.Replace),
        new("mode", Mode, AttrUpdate.Replace),
        new("parent", ParentDisplay ?? "(not found)", AttrUpdate.Replace),
        new("marked", Marked ? "true" : "false", AttrUpdate.InPlace),
        new("mtu", Device.Mtu?.ToString(CultureInfo.InvariantCulture), AttrUpdate.InPlace),
        new("mac", Device.Mac, AttrUpdate.InPlace),
        new("up", Device.Up?.ToString().ToLowerInvariant(), AttrUpdate.InPlace),
    ];

    public override string Describe(NamespaceNames names) => $"macvlan {names.End(Device)} on {ParentIn(names) ?? "an unknown parent"}" + (Mode is null ? "" : $" (mode {Mode})");
}

/// <summary>A macvlan by hand; a line from its parent to its namespace.</summary>
internal sealed class MacvlanText : DeviceText<MacvlanResource>
{
    private protected override IEnumerable<string> Create(MacvlanResource m, ExplainContext x) => LinkCommands.CreateMacvlan(m, x.Mark);

    private protected override LinkEnd DeviceOf(MacvlanResource m) => m.Device;

    private protected override void Draw(MacvlanResource m, ObjectState state, GraphDraft draft, InterfaceAddresses interfaces) =>
        draft.Macvlan(m, state, interfaces);
}
