using System.Collections.Immutable;
using Topo.Core.Kinds;
using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Kinds;

/// <summary>Veth pairs: made as one with both ends in their namespaces, changed end by end, deleted by either end.</summary>
internal sealed class VethDriver : KindDriver<VethResource>, ILinkKindReader
{
    public string LinkKind => "veth";

    public override StepRun RunOf(ChangeAction action) => action switch
    {
        ChangeAction.Create => StepRun.Veths,
        ChangeAction.Delete => StepRun.Deletions,
        _ => StepRun.Alone,
    };

    /// <summary>
    /// One request makes the pair with both ends in their namespaces and names. The kernel takes no
    /// alias in a creating request and cannot bring a peer up while the pair is made, so the rest
    /// follows: in the same batch for an end that stays where the pair is made, through its own
    /// namespace's client for an end placed elsewhere.
    /// </summary>
    protected override void Create(VethResource veth, KindContext x)
    {
        x.Pool.In(MadeIn(veth)).Client.Apply(b => Queue(b, veth, x));
        foreach (var end in PlacedEnds(veth)) x.Pool.In(end.Namespace).Client.Apply(b => x.Links.Finish(b, end));
    }

    /// <summary>Each changed <c>a.*</c> or <c>b.*</c> setting, set on that end through its namespace.</summary>
    protected override void Update(VethResource veth, ImmutableArray<AttrChange> changes, KindContext x)
    {
        foreach (var (end, settings) in veth.ChangedEnds(changes)) x.Links.Update(end, settings);
    }

    // The pair goes together.
    protected override void Delete(VethResource veth, KindContext x) => x.Links.Delete(veth.A);

    protected override LinkEnd? DeletedInterface(VethResource veth) => veth.A;

    /// <summary>
    /// Where the pair is made: beside an end that stays there and is marked in the same datagram, so
    /// that a kill never leaves a pair the lab cannot tell is its own. The host when an end is there,
    /// else an attached namespace's end; a pair between two of the lab's namespaces is made from the host
    /// (its namespaces make it the lab's, marked or not).
    /// </summary>
    public static Netns MadeIn(VethResource veth) =>
        veth.A.Namespace.IsHost || veth.B.Namespace.IsHost ? Netns.Host
        : veth.A.Namespace.IsAttached ? veth.A.Namespace
        : veth.B.Namespace.IsAttached ? veth.B.Namespace
        : Netns.Host;

    /// <summary>
    /// The half of a creation in the batch of <see cref="MadeIn"/>'s namespace: the pair, and the finish of
    /// the ends that stay there.
    /// </summary>
    public static void Queue(RtnlBatch here, VethResource veth, KindContext x)
    {
        var ns = MadeIn(veth);
        var stay = new[] { veth.A, veth.B }.Where(e => e.Namespace == ns).ToList();
        // A batch of many pairs is sent whole: a missing master must fail the step before its pair is queued.
        foreach (var end in stay.Where(e => e.Master is not null)) here.ExpectMaster(end.Name, end.Master!);
        var (first, second) = veth.A.Namespace == ns ? (veth.A, veth.B) : (veth.B, veth.A);
        here.CreateVeth(Placed(first, ns, x), Placed(second, ns, x));
        foreach (var end in stay) x.Links.Finish(here, end);
    }

    /// <summary>The ends placed away from where the pair is made, which their own namespace's client finishes once the pair is made.</summary>
    public static IEnumerable<LinkEnd> PlacedEnds(VethResource veth) => new[] { veth.A, veth.B }.Where(e => e.Namespace != MadeIn(veth));

    private static VethEnd Placed(LinkEnd end, Netns madeIn, KindContext x) =>
        new(end.Name, end.Namespace == madeIn ? null : x.Pool.In(end.Namespace).Handle, new LinkOptions(end.Mtu, end.Mac));

    /// <summary>
    /// A pair with both ends read. It is the lab's when either end carries its mark, or when both ends are in
    /// its namespaces: topo marks the end a pair is made beside in the datagram that makes it, so only a pair
    /// made from the host into two of the lab's namespaces can be caught unmarked by a kill; one end moved
    /// into a lab namespace by hand does not make a pair the lab's.
    /// </summary>
    public Resource? Read(LinkRead read)
    {
        if (read.Other is not { } other) return null;
        var otherEnd = LinkRead.EndOf(other.Snapshot, other.Link, (read.Snapshot, read.Link));
        var otherMark = Ownership.LabOf(other.Link.Alias);
        var pairOwner = read.Owner ?? otherMark ?? (read.NamespaceOwner == read.NamespaceOwners[other.Snapshot.Key] ? read.NamespaceOwner : null);
        ImmutableArray<ResourceKey> unmarked = pairOwner is null
            ? []
            : [.. new[] { (End: read.End, Mark: read.Owner), (End: otherEnd, Mark: otherMark) }.Where(e => e.Mark != pairOwner).Select(e => e.End.Key)];
        return VethResource.Of(read.End, otherEnd) with { Owner = pairOwner, Unmarked = unmarked };
    }
}
