using System.Collections.Immutable;
using Topo.Core.Export;
using Topo.Core.State;
using Topo.Linux.Namespaces;
using Topo.Linux.Nftables;
using Topo.Core.Kinds;

namespace Topo.Linux.Read;

/// <summary>
/// Reads a <see cref="KernelView"/>: the host and the chosen namespaces over netlink with their forwarding sysctls, and, when a
/// lab is named, its nftables table in the host and in its namespaces, with its rules. Changes nothing.
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
        return new KernelView(choice.Lab is { } lab
            ? [.. namespaces.Select(n => WithNat(n, lab, host, directory, options.NftLibrary))]
            : [.. namespaces.Select(n => WithHandMadeRules(n, host, directory, options.NftLibrary))]);
    }

    // Namespaces built by hand may have had NAT set up by a script: export says it, or names what it leaves out.
    // Without libnftables there is no nft either, so nothing of the kind to find.
    private static NamespaceView WithHandMadeRules(NamespaceView ns, NamespaceThread host, NetnsDirectory directory, string library)
    {
        if (Netns.IsAttached(ns.Name) || !NftTables.Loadable(library)) return ns;
        var own = ns.Name.Length == 0 ? null : directory.Open(ns.Name);
        try
        {
            using var nft = NftTables.Open(own ?? host, ns.Name, library);
            return ns with { HandMadeRules = nft.HandMadeRules() };
        }
        finally
        {
            own?.Dispose();
        }
    }

    // The table is in the host, or in a node that holds a bridge; another lab's namespace is not this lab's to read.
    // Whether it is there is asked over nfnetlink: libnftables is loaded only to read rules that are there.
    private static NamespaceView WithNat(NamespaceView ns, string lab, NamespaceThread host, NetnsDirectory directory, string library)
    {
        if (Netns.IsNamed(ns.Name) && ns.Owner != lab) return ns;
        var table = NftTableResource.TableName(lab);
        var own = ns.Name.Length == 0 ? null : directory.Open(ns.Name);
        try
        {
            var thread = own ?? host;
            if (thread.Invoke(() => NftTableLookup.Find(ns.Display, table)) is null) return ns;
            using var nft = NftTables.Open(thread, ns.Name, library);
            return nft.Read(table) is { } held ? ns with { NatRules = held.Rules, HoldsLabTable = true } : ns;
        }
        finally
        {
            own?.Dispose();
        }
    }
}
