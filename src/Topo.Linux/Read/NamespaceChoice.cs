using Topo.Core.State;
namespace Topo.Linux.Read;

/// <summary>
/// Which named namespaces a view shows: those named, those whose loopback carries a lab's mark,
/// or both. The host is always read, since the other ends of the namespaces' veths are there.
/// </summary>
/// <param name="Names">Namespaces shown by name (a lab file's nodes, <c>export --netns</c>).</param>
/// <param name="Lab">Namespaces marked as this lab's are shown too; its nftables table gives the NAT rules.</param>
public sealed record NamespaceChoice(IReadOnlyCollection<string> Names, string? Lab)
{
    /// <summary>Existing namespaces shown by their paths (a lab file's <c>netns:</c> nodes), those that are there.</summary>
    public IReadOnlyCollection<Netns> Attached { get; init; } = [];

    public bool Wants(string name, string? owner) => Names.Contains(name) || (Lab is not null && owner == Lab);
}
