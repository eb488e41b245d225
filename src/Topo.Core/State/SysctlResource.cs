namespace Topo.Core.State;

/// <summary>A <c>net.*</c> sysctl in a namespace. A setting: changing it needs no ownership.</summary>
public sealed record SysctlResource(string Ns, string Name, string Value) : Resource
{
    public override ResourceKey Key => new(ResourceKind.Sysctl, Ns, Name);

    public override IEnumerable<ResourceKey> Dependencies =>
        Ns.Length == 0 ? [] : [new ResourceKey(ResourceKind.Namespace, Netns.Host, Ns)];

    public override IEnumerable<Attr> Attributes => [new("value", Value, AttrUpdate.InPlace)];

    public override bool IsSetting => true;

    public override string Describe(NamespaceNames names) => $"sysctl {Name} = {Value} in {names.Of(Ns)}";
}
