using Topo.Core.State;
namespace Topo.Linux.Read;

/// <summary>What one read of the namespaces found.</summary>
/// <param name="Peers">For each veth end (namespace key, index), its peer's, where the peer was read.</param>
internal sealed record NamespaceRead(
    List<NamespaceSnapshot> Snapshots,
    Dictionary<(Netns Ns, int Index), (Netns Ns, int Index)> Peers);
