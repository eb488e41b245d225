using System.Collections.Immutable;

namespace Topo.Core.State;

/// <summary>
/// A veth pair, made and deleted as one. <see cref="A"/> is always the end that sorts first
/// (by namespace, then name), so a pair read from the kernel and one built from the file
/// have the same key whichever end the kernel reports first; use <see cref="Of"/>.
/// </summary>
public sealed record VethResource : Resource
{
    private VethResource(LinkEnd a, LinkEnd b)
    {
        A = a;
        B = b;
    }

    public LinkEnd A { get; }

    public LinkEnd B { get; }

    /// <summary>
    /// Ends of an owned pair that do not carry the mark (read from the kernel: a kill between making
    /// the pair and marking its end in another namespace). The file wants every end marked, so such an end is a change to make.
    /// </summary>
    public ImmutableArray<ResourceKey> Unmarked { get; init; } = [];

    public static VethResource Of(LinkEnd one, LinkEnd other) =>
        one.Key.CompareTo(other.Key) <= 0 ? new VethResource(one, other) : new VethResource(other, one);

    public override ResourceKey Key => A.Key;

    public override IEnumerable<ResourceKey> ExtraClaims => [B.Key];

    public override IEnumerable<ResourceKey> Dependencies
    {
        get
        {
            foreach (var end in new[] { A, B })
            {
                if (end.Namespace.Length != 0) yield return new ResourceKey(ResourceKind.Namespace, Netns.Host, end.Namespace);
                if (end.Master is not null) yield return new ResourceKey(ResourceKind.Link, end.Namespace, end.Master);
            }
        }
    }

    public override IEnumerable<Attr> Attributes =>
    [
        new("kind", "veth", AttrUpdate.Replace),
        new("peer", B.Display, AttrUpdate.Replace),
        .. EndAttributes("a", A),
        .. EndAttributes("b", B),
    ];

    private IEnumerable<Attr> EndAttributes(string which, LinkEnd end) =>
    [
        new($"{which}.marked", Unmarked.Contains(end.Key) ? "false" : "true", AttrUpdate.InPlace),
        new($"{which}.master", end.Master, AttrUpdate.InPlace),
        new($"{which}.mtu", end.Mtu?.ToString(System.Globalization.CultureInfo.InvariantCulture), AttrUpdate.InPlace),
        new($"{which}.mac", end.Mac, AttrUpdate.InPlace),
        new($"{which}.up", end.Up?.ToString().ToLowerInvariant(), AttrUpdate.InPlace),
        new($"{which}.hairpin", end.Hairpin?.ToString().ToLowerInvariant(), AttrUpdate.InPlace),
    ];

    public override string Describe(NamespaceNames names) => $"veth {names.End(A)} <-> {names.End(B)}";
}
