using System.Collections.Immutable;
using Topo.Core.Explain;
using Topo.Core.Graph;
using Topo.Core.Planning;
using Topo.Core.State;

namespace Topo.Core.Kinds;

/// <summary>
/// The conditions of one interface's egress: the root qdisc on it, netem for delay, jitter, loss, duplication and
/// corruption (with netem's own rate beside them), tbf for a rate alone. Each condition is an attribute changed in place
/// (the qdisc replaced on the interface, which stays); the qdisc goes when the conditions do. Owned when its interface is:
/// it hangs on the interface and goes with it.
/// </summary>
public sealed record QdiscResource(Netns Ns, string Device, Conditions Conditions) : Resource
{
    public override ResourceKey Key => new(ResourceKind.Qdisc, Ns, Device);

    public ResourceKey DeviceKey => new(ResourceKind.Link, Ns, Device);

    public override IEnumerable<ResourceKey> Dependencies => [DeviceKey];

    public override IEnumerable<Attr> Attributes => Conditions.Values.Select(v => new Attr(v.Key, v.Value, AttrUpdate.InPlace));

    public override string Describe(NamespaceNames names) => $"conditions on {names.Of(Ns)}:{Device}: {Conditions.Words}";
}

/// <summary>
/// Conditions by hand, with <c>tc qdisc</c> in the interface's namespace; in the picture, a line under the interface's
/// name on its link, as its addresses are.
/// </summary>
internal sealed class QdiscText : KindText<QdiscResource>
{
    internal override GraphPass Pass => GraphPass.Addresses;

    private protected override IEnumerable<string> Create(QdiscResource q, ExplainContext x) => [Command(q, "add")];

    // A netem changed in place keeps a corruption or a rate the command leaves out: one that goes is set to zero (as topo's request does).
    private protected override IEnumerable<string> Update(QdiscResource q, ImmutableArray<AttrChange> changes, ExplainContext x)
    {
        bool Gone(string key) => q.Conditions.IsNetem && changes.Any(c => c.Name == key && c.New == Conditions.None && c.Old != Conditions.None);
        return [Command(q, "replace") + (Gone("corrupt") ? " corrupt 0%" : "") + (Gone("rate") ? " rate 0bit" : "")];
    }

    private protected override IEnumerable<string> Delete(QdiscResource q, ExplainContext x) =>
        [$"{Where.Exec(q.Ns)}tc qdisc del dev {ShellWords.Quote(q.Device)} root"];

    private protected override void Draw(QdiscResource q, ObjectState state, GraphDraft draft, InterfaceAddresses interfaces) =>
        interfaces.AddCondition(q, state);

    // tbf needs its bucket and queue spelt out; topo's choice of them (Conditions.TbfBurst, TbfLatencyUs) is tc's words too.
    private static string Command(QdiscResource q, string verb)
    {
        var c = q.Conditions;
        var options = c.IsNetem ? c.Words : $"{c.Words} burst {c.TbfBurst} latency {Conditions.Time(Conditions.TbfLatencyUs)}";
        return $"{Where.Exec(q.Ns)}tc qdisc {verb} dev {ShellWords.Quote(q.Device)} root {c.Qdisc} {options}";
    }
}
