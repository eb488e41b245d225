using System.Collections.Immutable;
using Topo.Core.Explain;
using Topo.Core.Graph;
using Topo.Core.Planning;
using Topo.Core.State;

namespace Topo.Core.Kinds;

/// <summary>A <c>net.*</c> sysctl in a namespace. A setting: changing it needs no ownership.</summary>
public sealed record SysctlResource(Netns Ns, string Name, string Value) : Resource
{
    public override ResourceKey Key => new(ResourceKind.Sysctl, Ns, Name);

    public override IEnumerable<ResourceKey> Dependencies =>
        Ns.IsHost ? [] : [ResourceKey.OfNamespace(Ns)];

    public override IEnumerable<Attr> Attributes => [new("value", Value, AttrUpdate.InPlace)];

    public override bool IsSetting => true;

    /// <summary>
    /// The interface a key is of (<c>net.ipv4.conf.eth0.forwarding</c>), or null for a key of the whole
    /// namespace (<c>net.ipv4.ip_forward</c>, <c>conf.all.*</c>, <c>conf.default.*</c>).
    /// </summary>
    public string? Interface => Name.Split('.') is [_, _, "conf" or "neigh", var device, _, ..] && device is not ("all" or "default") ? device : null;

    public override string Describe(NamespaceNames names) => $"sysctl {Name} = {Value} in {names.Of(Ns)}";
}

/// <summary>A sysctl by hand (see <see cref="SysctlCommands"/>); a line in its namespace's box.</summary>
internal sealed class SysctlText : KindText<SysctlResource>
{
    private protected override IEnumerable<string> Create(SysctlResource s, ExplainContext x) => x.Sysctls.Write(s);

    private protected override IEnumerable<string> Update(SysctlResource s, ImmutableArray<AttrChange> changes, ExplainContext x) => x.Sysctls.Write(s);

    private protected override IEnumerable<string> Delete(SysctlResource s, ExplainContext x) => x.Sysctls.Release(s);

    private protected override void Draw(SysctlResource s, ObjectState state, GraphDraft draft, InterfaceAddresses interfaces) =>
        draft.Detail(s.Ns, $"{s.Name}={s.Value}", state);
}
