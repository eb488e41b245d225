using System.Collections.Immutable;
using Topo.Core.Export;
using Topo.Core.State;
using Topo.Linux.Namespaces;
using Topo.Linux.Nftables;

namespace Topo.Linux.Inspect;

/// <summary>
/// Reads a <see cref="KernelView"/>: the host and the chosen namespaces over netlink, and, when a
/// lab is named, the rules of its nftables table on the host. Changes nothing.
/// </summary>
public static class KernelInspector
{
    public static KernelView Read(KernelOptions options, NamespaceChoice choice)
    {
        using var host = NamespaceThread.Enter(options.HostNamespacePath, "host");
        var (snapshots, peers) = SnapshotReader.Read(host, new NetnsDirectory(options.NetnsDirectory), choice);
        var namespaces = ViewBuilder.Build(snapshots, peers);
        return new KernelView(namespaces, choice.Lab is { } lab ? NatRules(host, lab) : []);
    }

    private static ImmutableArray<NftRule> NatRules(NamespaceThread host, string lab)
    {
        using var nft = NftTables.Open(host, Netns.Host);
        return nft.Read(NftTableResource.TableName(lab))?.Rules ?? [];
    }
}
