namespace Topo.Core.State;

/// <summary>
/// One network interface's settings. <c>null</c> fields are not managed (desired) or unknown (actual).
/// <see cref="Hairpin"/> is the bridge-port hairpin mode: a node that publishes ports needs it on its
/// bridge port, because with bridge netfilter on its DNATed packets to itself leave by the port they came in on.
/// </summary>
public sealed record LinkEnd(Netns Namespace, string Name, string? Master = null, int? Mtu = null, string? Mac = null, bool? Up = true, bool? Hairpin = null)
{
    public ResourceKey Key => new(ResourceKind.Link, Namespace, Name);

    /// <summary>What the kernel reports beyond the settings above (read state only; not compared).</summary>
    public InterfaceFacts? Kernel { get; init; }

    public string Display => NamespaceNames.Plain.End(this);
}
