using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Namespaces;
using Topo.Linux.Nftables;

namespace Topo.Linux.Read;

/// <summary>
/// Reads the state of the host and the chosen namespaces, as plan reads a lab's (<see cref="StateBuilder"/>), in the
/// order the kernel lists it, with each namespace's forwarding sysctls, and, when a lab is named, its nftables table
/// in the host and in its namespaces; with no lab named, the rules of the tables built by hand. Changes nothing.
/// </summary>
public static class KernelInspector
{
    public static LabState Read(KernelOptions options, NamespaceChoice choice)
    {
        using var host = NamespaceThread.Enter(options.HostNamespacePath, "host");
        var directory = new NetnsDirectory(options.NetnsDirectory);
        var (snapshots, peers) = NamespaceSnapshots.Read(
            host, directory, (name, owner) => choice.Wants(name, owner) ? ReadDepth.Everything : ReadDepth.None, attached: choice.Attached.Where(a => File.Exists(a.Id)));
        var read = StateBuilder.Build(choice.Lab ?? "", snapshots.ToDictionary(s => s.Key), peers);
        var owners = read.Resources.OfType<NamespaceResource>().ToDictionary(n => Netns.Of(n.Name), n => n.Owner);
        var resources = read.Resources.ToList();
        var handMade = new List<HandMadeNftRule>();
        foreach (var ns in read.Namespaces)
        {
            resources.AddRange(ForwardingReader.Read(ns, host, directory));
            if (choice.Lab is { } lab)
            {
                if (WithNat(ns, owners.GetValueOrDefault(ns), lab, host, directory, options.NftLibrary) is { } table) resources.Add(table);
            }
            else
            {
                handMade.AddRange(HandMadeRules(ns, host, directory, options.NftLibrary));
            }
        }

        return read with { Resources = [.. resources], HandMadeRules = [.. handMade] };
    }

    // Namespaces built by hand may have had NAT set up by a script: export says it, or names what it leaves out.
    // Without libnftables there is no nft either, so nothing of the kind to find.
    private static IEnumerable<HandMadeNftRule> HandMadeRules(Netns ns, NamespaceThread host, NetnsDirectory directory, string library)
    {
        if (ns.IsAttached || !NftTables.Loadable(library)) return [];
        var own = ns.IsHost ? null : directory.Open(ns);
        try
        {
            using var nft = NftTables.Open(own ?? host, ns, library);
            return [.. nft.HandMadeRules().Select(r => r with { Namespace = ns })];
        }
        finally
        {
            own?.Dispose();
        }
    }

    // The table is in the host, or in a node that holds a bridge; another lab's namespace is not this lab's to read.
    // Whether it is there is asked over nfnetlink: libnftables is loaded only to read rules that are there.
    private static NftTableResource? WithNat(Netns ns, string? owner, string lab, NamespaceThread host, NetnsDirectory directory, string library)
    {
        if (ns.IsNamed && owner != lab) return null;
        var table = NftTableResource.TableName(lab);
        var own = ns.IsHost ? null : directory.Open(ns);
        try
        {
            var thread = own ?? host;
            if (thread.Invoke(() => NftTableLookup.Find(ns.Display, table)) is null) return null;
            using var nft = NftTables.Open(thread, ns, library);
            return nft.Read(table);
        }
        finally
        {
            own?.Dispose();
        }
    }
}
