using System.Collections.Immutable;
using System.Globalization;
using Topo.Core.Explain;
using Topo.Core.Graph;
using Topo.Core.Planning;
using Topo.Core.State;

namespace Topo.Core.Kinds;

/// <summary>
/// A VXLAN device: Ethernet frames sent as UDP to <see cref="Remote"/> (or a multicast <see cref="Group"/>)
/// with network identifier <see cref="Vni"/>, from <see cref="Local"/> when set. It is made in
/// <see cref="Underlay"/>, whose network carries the tunnel (its UDP socket stays there), and placed in its
/// device's namespace. The tunnel's settings cannot change in place: a device with other ones is made anew.
/// </summary>
public sealed record VxlanResource(LinkEnd Device, Netns Underlay, int Vni, string? Remote, string? Group, string? Local, int Port) : Resource
{
    /// <summary>IANA's port for VXLAN, which Docker's overlay uses too; the kernel's own default (8472) predates it.</summary>
    public const int DefaultPort = 4789;

    public override ResourceKey Key => Device.Key;

    public override IEnumerable<LinkEnd> Interfaces => [Device];

    /// <summary>The interface in the underlay it sends by (and joins <see cref="Group"/> on); null: the kernel routes.</summary>
    public string? Dev { get; init; }

    /// <summary>False for an owned device read without the mark (a kill between placing and marking it).</summary>
    public bool Marked { get; init; } = true;

    public override IEnumerable<ResourceKey> Dependencies =>
        new[] { Device.Namespace, Underlay }.Where(n => n.IsNamed).Distinct()
            .Select(ResourceKey.OfNamespace)
            .Concat(Dev is null ? [] : [new ResourceKey(ResourceKind.Link, Underlay, Dev)])
            .Concat(Device.Master is { } master ? [new ResourceKey(ResourceKind.Link, Device.Namespace, master)] : []);

    // The kernel deletes a VXLAN device with the namespace of its socket, wherever the device is.
    public override IEnumerable<(LinkEnd Stays, Netns OtherNamespace)> Tethers => Underlay == Device.Namespace ? [] : [(Device, Underlay)];

    public override IEnumerable<Attr> Attributes =>
    [
        new("kind", "vxlan", AttrUpdate.Replace),
        new("vni", Vni.ToString(CultureInfo.InvariantCulture), AttrUpdate.Replace),
        new("remote", Remote, AttrUpdate.Replace),
        new("group", Group, AttrUpdate.Replace),
        new("local", Local, AttrUpdate.Replace),
        new("port", Port.ToString(CultureInfo.InvariantCulture), AttrUpdate.Replace),
        new("underlay", Underlay.Display, AttrUpdate.Replace),
        new("dev", Dev, AttrUpdate.Replace),
        new("marked", Marked ? "true" : "false", AttrUpdate.InPlace),
        new("master", Device.Master, AttrUpdate.InPlace),
        new("mtu", Device.Mtu?.ToString(CultureInfo.InvariantCulture), AttrUpdate.InPlace),
        new("mac", Device.Mac, AttrUpdate.InPlace),
        new("up", Device.Up?.ToString().ToLowerInvariant(), AttrUpdate.InPlace),
    ];

    /// <summary>The tunnel's far end as <c>ip -d link</c> shows it: <c>remote 10.0.0.2 dstport 4789</c>.</summary>
    public string Tunnel => string.Join(' ', new[]
    {
        // Neither: an overlay's device, whose far ends are its forwarding entries.
        Remote is not null ? $"remote {Remote}" : Group is not null ? $"group {Group}" : null,
        Local is null ? null : $"local {Local}",
        Dev is null ? null : $"dev {Dev}",
        $"dstport {Port.ToString(CultureInfo.InvariantCulture)}",
    }.OfType<string>());

    public override string Describe(NamespaceNames names) => $"vxlan {names.End(Device)} id {Vni} {Tunnel}";
}

/// <summary>
/// A VXLAN device by hand: made in the underlay's namespace and placed in its own with <c>netns</c>, then
/// marked and brought up there; in the picture, a line in its namespace's box.
/// </summary>
internal sealed class VxlanText : DeviceText<VxlanResource>
{
    private protected override IEnumerable<string> Create(VxlanResource v, ExplainContext x)
    {
        var d = v.Device;
        var netns = d.Namespace == v.Underlay ? "" : $" netns {ShellWords.Quote(d.Namespace.Display)}";
        yield return $"{Where.Ip(v.Underlay)} link add {ShellWords.Quote(d.Name)}{netns}{LinkCommands.Options(d)} type vxlan id {v.Vni} {v.Tunnel}";
        foreach (var line in LinkCommands.Finish(d, x.Mark)) yield return line;
    }

    private protected override LinkEnd DeviceOf(VxlanResource v) => v.Device;

    private protected override void Draw(VxlanResource v, ObjectState state, GraphDraft draft, InterfaceAddresses interfaces) =>
        draft.Detail(v.Device.Namespace, $"{v.Device.Name}: vxlan id {v.Vni} {v.Tunnel}", state);
}
