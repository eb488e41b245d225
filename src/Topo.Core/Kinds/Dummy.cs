using Topo.Core.Planning;
using System.Globalization;
using Topo.Core.Explain;
using Topo.Core.Graph;
using Topo.Core.State;

namespace Topo.Core.Kinds;

/// <summary>A dummy interface: a stable address with no cable (a router's loopback-like address, a service IP).</summary>
public sealed record DummyResource(LinkEnd Device) : Resource
{
    public override ResourceKey Key => Device.Key;

    /// <summary>False for an owned device read without the mark (a kill between making and marking it).</summary>
    public bool Marked { get; init; } = true;

    public override IEnumerable<ResourceKey> Dependencies => Device.Namespace.IsHost ? [] : [ResourceKey.OfNamespace(Device.Namespace)];

    public override IEnumerable<LinkEnd> Interfaces => [Device];

    public override IEnumerable<Attr> Attributes =>
    [
        new("kind", "dummy", AttrUpdate.Replace),
        new("marked", Marked ? "true" : "false", AttrUpdate.InPlace),
        new("mtu", Device.Mtu?.ToString(CultureInfo.InvariantCulture), AttrUpdate.InPlace),
        new("mac", Device.Mac, AttrUpdate.InPlace),
        new("up", Device.Up?.ToString().ToLowerInvariant(), AttrUpdate.InPlace),
    ];

    public override string Describe(NamespaceNames names) => $"dummy {names.End(Device)}";
}

/// <summary>A dummy by hand: made in its own namespace, marked and brought up; in the picture, a line in its namespace's box.</summary>
internal sealed class DummyText : DeviceText<DummyResource>
{
    private protected override IEnumerable<string> Create(DummyResource d, ExplainContext x)
    {
        yield return $"{Where.Ip(d.Device.Namespace)} link add {ShellWords.Quote(d.Device.Name)}{LinkCommands.Options(d.Device)} type dummy";
        foreach (var line in LinkCommands.Finish(d.Device, x.Mark)) yield return line;
    }

    private protected override LinkEnd DeviceOf(DummyResource d) => d.Device;

    private protected override void Draw(DummyResource d, ObjectState state, GraphDraft draft, InterfaceAddresses interfaces) =>
        draft.Detail(d.Device.Namespace, $"{d.Device.Name}: dummy", state);
}
