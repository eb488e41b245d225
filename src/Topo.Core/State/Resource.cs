namespace Topo.Core.State;

/// <summary>
/// One object the kernel holds or must hold. Desired and actual state are sets of these;
/// the differ compares them by <see cref="Key"/> and <see cref="Attributes"/> only.
/// </summary>
public abstract record Resource
{
    public abstract ResourceKey Key { get; }

    /// <summary>The lab whose mark the kernel object carries; <c>null</c> when it is not marked (foreign).</summary>
    public string? Owner { get; init; }

    /// <summary>Objects that must exist before this one can be made.</summary>
    public abstract IEnumerable<ResourceKey> Dependencies { get; }

    /// <summary>Further identities this object occupies (the second end of a veth pair).</summary>
    public virtual IEnumerable<ResourceKey> ExtraClaims => [];

    /// <summary>Interfaces this one is stacked on (a macvlan's parent): the kernel deletes it along with any of them.</summary>
    public virtual IEnumerable<ResourceKey> StackedOn => [];

    /// <summary>
    /// Its interfaces that the kernel deletes only once another namespace is freed (a veth end whose peer,
    /// a macvlan whose parent, lives there), each with that namespace.
    /// </summary>
    public virtual IEnumerable<(LinkEnd Stays, Netns OtherNamespace)> Tethers => [];

    /// <summary>The interfaces this object is (both ends of a veth pair), for those who show them one by one.</summary>
    public virtual IEnumerable<LinkEnd> Interfaces => [];

    /// <summary>What the differ compares, in a stable order.</summary>
    public abstract IEnumerable<Attr> Attributes { get; }

    /// <summary>
    /// A setting rather than an object (a sysctl): it may be changed without being owned,
    /// because its previous value is recorded and put back by <c>down</c>.
    /// </summary>
    public virtual bool IsSetting => false;

    /// <summary>An object the lab needs but does not make or own (a macvlan's parent outside the lab): it must exist, and is never changed.</summary>
    public virtual bool IsExternal => false;

    /// <summary>
    /// An object outside the lab that this one stands on and that may come and go (a bridge port's interface): while
    /// the kernel has nothing under that key, this object waits, made by no plan and no error (<see cref="Planning.PlanResult.Waiting"/>).
    /// </summary>
    public virtual ResourceKey? WaitsFor => null;

    /// <summary>The namespace the object lives in; a namespace lives in its own name.</summary>
    public virtual Netns Namespace => Key.Namespace;

    /// <summary>A short human description for plans and errors: <c>veth box1:eth0 &lt;-&gt; veth1a2b3c4d</c>.</summary>
    public string Describe() => Describe(NamespaceNames.Plain);

    /// <summary>The description with attached namespaces named by their nodes (<see cref="NamespaceNames"/>).</summary>
    public abstract string Describe(NamespaceNames names);
}
