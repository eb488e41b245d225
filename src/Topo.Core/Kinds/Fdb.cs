using System.Globalization;
using Topo.Core.Explain;
using Topo.Core.State;

namespace Topo.Core.Kinds;

/// <summary>
/// A forwarding entry of a VXLAN device: frames for <see cref="Mac"/> (the all-zero MAC for head-end replication: every
/// broadcast, unknown and multicast frame) are sent to <see cref="Destination"/>. A MAC may have several destinations,
/// each its own entry. <see cref="Port"/> and <see cref="Vni"/> are null where they are the device's own; the kernel tells
/// remotes apart by them too (a delete must name them), so they are part of the key. Owned when its device is: it
/// hangs on the device and goes with it.
/// </summary>
public sealed record FdbResource(Netns Ns, string Device, string Mac, string Destination) : Resource
{
    public const string AllZeroMac = "00:00:00:00:00:00";

    public int? Port { get; init; }

    public int? Vni { get; init; }

    public override ResourceKey Key => new(ResourceKind.Fdb, Ns, $"{Device} {Entry}");

    public ResourceKey DeviceKey => new(ResourceKind.Link, Ns, Device);

    public override IEnumerable<ResourceKey> Dependencies => [DeviceKey];

    // Everything the kernel tells one entry from another by is in the key: there is nothing to change in place.
    public override IEnumerable<Attr> Attributes => [];

    /// <summary>The entry as <c>bridge fdb</c> writes it after the device: <c>00:00:00:00:00:00 dst 192.0.2.12 port 4790 vni 77</c>.</summary>
    public string Entry =>
        $"{Mac} dst {Destination}" +
        (Port is { } port ? $" port {port.ToString(CultureInfo.InvariantCulture)}" : "") +
        (Vni is { } vni ? $" vni {vni.ToString(CultureInfo.InvariantCulture)}" : "");

    public override string Describe(NamespaceNames names) => $"forwarding entry {Entry} on {names.Of(Ns)}:{Device}";
}

/// <summary>
/// A forwarding entry by hand, with <c>bridge fdb</c> in the entry's namespace. It draws nothing (the default, in the
/// last pass): the tunnel it feeds is drawn by its VXLAN device, and a picture gains nothing from a line per remote.
/// </summary>
internal sealed class FdbText : KindText<FdbResource>
{
    private protected override IEnumerable<string> Create(FdbResource f, ExplainContext x) => [Command(f, "append")];

    private protected override IEnumerable<string> Delete(FdbResource f, ExplainContext x) => [Command(f, "del")];

    // Its words after "dev DEVICE": bridge fdb takes the MAC first, the rest after the device.
    private static string Command(FdbResource f, string verb) =>
        $"{Where.Exec(f.Ns)}bridge fdb {verb} {f.Mac} dev {ShellWords.Quote(f.Device)}{f.Entry[f.Mac.Length..]}";
}
