using System.Collections.Immutable;
using Topo.Core.Export;
using Topo.Core.State;
using Topo.Linux.Namespaces;
using Topo.Linux.Nftables;

namespace Topo.Linux.Inspect;

/// <summary>
/// Reads a <see cref="KernelView"/>: the host and the chosen namespaces over netlink with their forwarding sysctls, and, when a
/// lab is named, the rules of its nftables table on the host. Changes nothing.
/// </summary>
public static class KernelInspector
{
    public static KernelView Read(KernelOptions options, NamespaceChoice choice)
    {
        using var host = NamespaceThread.Enter(options.HostNamespacePath, "host");
        var directory = new NetnsDirectory(options.NetnsDirectory);
        var (snapshots, peers) = SnapshotReader.Read(host, directory, choice);
        var namespaces = ForwardingReader.Add(ViewBuilder.Build(snapshots, peers), host, directory);
        return new KernelView(namespaces, choice.Lab is { } lab ? NatRules(host, lab) : []);
    }

    private static ImmutableArray<NftRule> NatRules(NamespaceThread host, string lab)
    {
        using var nft = NftTables.Open(host, Netns.Host);
        return nft.Read(NftTableResource.TableName(lab))?.Rules ?? [];
    }
}
