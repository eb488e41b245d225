using System.Globalization;
using Topo.Core.State;

namespace Topo.Core.Kinds;

/// <summary>
/// A device stacked on <see cref="Parent"/> (a macvlan, an ipvlan, a vlan), which may live in another namespace
/// than the device. The kernel deletes it along with its parent, so it is <see cref="Resource.StackedOn"/> it.
/// Its kind, parent and kind's settings cannot change in place: a device with others is made anew.
/// </summary>
public abstract record StackedDevice(LinkEnd Device, ResourceKey? Parent) : Resource
{
    public override ResourceKey Key => Device.Key;

    /// <summary>The kernel's name of the kind (<c>ip link add ... type KIND</c>).</summary>
    public abstract string Kind { get; }

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

    protected string? ParentIn(NamespaceNames names) => Parent is { } p ? $"{names.Of(p.Namespace)}:{p.Name}" : null;

    public override IEnumerable<LinkEnd> Interfaces => [Device];

    /// <summary>What the kind adds to <c>ip link add ... type KIND</c>: <c>mode bridge</c>, <c>protocol 802.1Q id 10</c>.</summary>
    public abstract string TypeOptions { get; }

    /// <summary>The kind's own settings, which only a new device changes.</summary>
    protected abstract IEnumerable<Attr> KindAttributes { get; }

    public override IEnumerable<Attr> Attributes =>
    [
        new("kind", Kind, AttrUpdate.Replace),
        .. KindAttributes,
        new("parent", ParentDisplay ?? "(not found)", AttrUpdate.Replace),
        new("marked", Marked ? "true" : "false", AttrUpdate.InPlace),
        new("mtu", Device.Mtu?.ToString(CultureInfo.InvariantCulture), AttrUpdate.InPlace),
        new("mac", Device.Mac, AttrUpdate.InPlace),
        new("up", Device.Up?.ToString().ToLowerInvariant(), AttrUpdate.InPlace),
    ];

    public override string Describe(NamespaceNames names) => $"{Kind} {names.End(Device)} on {ParentIn(names) ?? "an unknown parent"} ({TypeOptions})";
}
