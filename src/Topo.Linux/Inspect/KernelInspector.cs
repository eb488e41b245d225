using System.Collections.Immutable;
using Topo.Core.Export;
using Topo.Core.State;
using Topo.Linux.Namespaces;
using Topo.Linux.Nftables;
using Topo.Linux.Reader;

namespace Topo.Linux.Inspect;

/// <summary>
/// Reads a <see cref="KernelView"/>: the host and the chosen namespaces over netlink with their forwarding sysctls, and, when a
/// lab is named, the rules of its nftables table in the host and in its namespaces. Changes nothing.
/// </summary>
public static class KernelInspector
{
    public static KernelView Read(KernelOptions options, NamespaceChoice choice)
    {
        using var host = NamespaceThread.Enter(options.HostNamespacePath, "host");
        var directory = new NetnsDirectory(options.NetnsDirectory);
        var (snapshots, peers) = NamespaceSnapshots.Read(
            host, directory, (name, owner) => choice.Wants(name, owner) ? ReadDepth.Everything : ReadDepth.None, attached: choice.Attached.Where(File.Exists));
        var namespaces = ForwardingReader.Add(ViewBuilder.Build(snapshots, peers), host, directory);
        return new KernelView(choice.Lab is { } lab ? [.. namespaces.Select(n => WithNat(n, lab, host, directory))] : namespaces);
    }

    // The table is in the host, or in a node that holds a bridge; another lab's namespace is not this lab's to read.
    private static NamespaceView WithNat(NamespaceView ns, string lab, NamespaceThread host, NetnsDirectory directory)
    {
        if (Netns.IsNamed(ns.Name) && ns.Owner != lab) return ns;
        var own = ns.Name.Length == 0 ? null : directory.Open(ns.Name);
        try
        {
            using var nft = NftTables.Open(own ?? host, ns.Name);
            return ns with { NatRules = nft.Read(NftTableResource.TableName(lab))?.Rules ?? [] };
        }
        finally
        {
            own?.Dispose();
        }
    }
}
