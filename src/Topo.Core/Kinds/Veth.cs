using System.Collections.Immutable;
using Topo.Core.Explain;
using Topo.Core.Graph;
using Topo.Core.Planning;
using Topo.Core.State;

namespace Topo.Core.Kinds;

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

    public override IEnumerable<(LinkEnd Stays, Netns OtherNamespace)> Tethers => [(A, B.Namespace), (B, A.Namespace)];

    public override IEnumerable<ResourceKey> Dependencies
    {
        get
        {
            foreach (var end in new[] { A, B })
            {
                if (!end.Namespace.IsHost) yield return ResourceKey.OfNamespace(end.Namespace);
                if (end.Master is not null) yield return new ResourceKey(ResourceKind.Link, end.Namespace, end.Master);
            }
        }
    }

    public override IEnumerable<LinkEnd> Interfaces => [A, B];

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

    /// <summary>
    /// Each end with the settings <paramref name="changes"/> change on it (<c>a.*</c> and <c>b.*</c>), ends
    /// without one left out; their new values are the ends' own.
    /// </summary>
    /// <exception cref="ArgumentException">A change of the pair itself, which cannot be made in place.</exception>
    public IEnumerable<(LinkEnd End, IReadOnlyList<LinkSetting> Settings)> ChangedEnds(ImmutableArray<AttrChange> changes)
    {
        if (changes.FirstOrDefault(c => !c.Name.StartsWith("a.", StringComparison.Ordinal) && !c.Name.StartsWith("b.", StringComparison.Ordinal)) is { } other)
            throw new ArgumentException($"attribute '{other.Name}' of a veth pair cannot be changed in place");
        return new[] { (End: A, Settings: LinkSettings.Changed(changes, "a.")), (End: B, Settings: LinkSettings.Changed(changes, "b.")) }.Where(e => e.Settings.Count > 0);
    }

    public override string Describe(NamespaceNames names) => $"veth {names.End(A)} <-> {names.End(B)}";
}

/// <summary>A veth pair by hand, made as one and deleted by either end; a line between its ends' boxes.</summary>
internal sealed class VethText : KindText<VethResource>
{
    private protected override IEnumerable<string> Create(VethResource v, ExplainContext x) => LinkCommands.CreateVeth(v, x.Mark);

    private protected override IEnumerable<string> Update(VethResource v, ImmutableArray<AttrChange> changes, ExplainContext x) =>
        v.ChangedEnds(changes).SelectMany(e => LinkCommands.Update(e.End, e.Settings, x.Mark));

    // Deleting one end deletes the pair.
    private protected override IEnumerable<string> Delete(VethResource v, ExplainContext x) => [LinkCommands.Delete(v.A)];

    private protected override void Draw(VethResource v, ObjectState state, GraphDraft draft, InterfaceAddresses interfaces) =>
        draft.Veth(v, state, interfaces);
}
