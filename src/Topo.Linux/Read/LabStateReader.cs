using Topo.Core.State;
using Topo.Linux.Kinds;
using Topo.Linux.Namespaces;
using Topo.Linux.Nftables;
using Topo.Linux.RunState;
using Topo.Core.Kinds;

namespace Topo.Linux.Read;

/// <summary>
/// The actual state of one lab: what <see cref="KernelReader"/> finds over netlink, plus the lab's
/// nftables table in the host and in each of its namespaces, plus the sysctls it wants or once changed, plus its nodes' hosts files.
/// </summary>
/// <param name="hostsDirectory">Where the nodes' hosts files are (<c>/etc/netns</c>).</param>
internal sealed class LabStateReader(string lab, NamespacePool pool, SysctlRecords records, NftListingCache hostListing, string hostPath, string hostsDirectory)
{
    /// <param name="attached">The paths of existing namespaces the lab attaches to, each there (checked by the caller).</param>
    /// <param name="hostsFilesOf">The nodes whose hosts files the lab wants: read whoever wrote them (the lab's own are read wherever they are).</param>
    /// <param name="depth">How much of the lab's own namespaces to read (see <see cref="ReadDepth"/>).</param>
    public LabState Read(
        IEnumerable<string> nodeNames, IReadOnlyCollection<Netns> attached, IReadOnlyCollection<SysctlResource> wantedSysctls, IEnumerable<string> hostsFilesOf,
        ReadDepth depth = ReadDepth.Everything)
    {
        var table = NftTableResource.TableName(lab);
        // The host's table is read through libnftables on the host's thread while the netlink dumps
        // run: the two took about as long as each other, one after the other. The dumps get a host
        // thread of their own, or their requests there would wait behind the table's. The listing
        // last kept is read instead while the ruleset has not changed since.
        var hostTable = Task.Run(() => hostListing.Read(pool.Host.Thread, () => pool.Nft(Netns.Host), table));
        LabState read;
        try
        {
            using var host = NamespaceThread.Enter(hostPath, "host");
            read = new KernelReader(host, pool.Directory).Read(lab, nodeNames, depth, attached);
        }
        finally
        {
            // Never leave the table's read running behind a failure: the host's thread is the session's.
            ((IAsyncResult)hostTable).AsyncWaitHandle.WaitOne();
        }

        var resources = read.Resources.ToList();
        if (hostTable.GetAwaiter().GetResult() is { } hostHeld) resources.Add(hostHeld);
        var namespaceOwners = resources.OfType<NamespaceResource>().ToDictionary(n => Netns.Of(n.Name), n => n.Owner);

        // Another lab's table, or one in a namespace the lab does not own, is not this lab's to read.
        var labNamespaces = namespaceOwners.Where(n => n.Value == lab).Select(n => n.Key).Concat(attached).ToList();
        // A namespace read for its links alone is about to be deleted, tables and all: none is looked for there.
        var lookIn = depth == ReadDepth.Everything ? labNamespaces : [.. attached];
        foreach (var ns in NftTablePresence.Holding(pool.Directory, lookIn, table).Order())
        {
            if (pool.Nft(ns).Read(table) is { } held) resources.Add(held);
        }

        foreach (var wanted in wantedSysctls)
        {
            string? nsOwner = null;
            if (!wanted.Ns.IsHost && !namespaceOwners.TryGetValue(wanted.Ns, out nsOwner)) continue;
            if (TryRead(wanted.Ns, wanted.Name) is not { } value) continue;
            var owned = wanted.Ns.IsHost ? records.Has(wanted.Name) : nsOwner == lab;
            resources.Add(new SysctlResource(wanted.Ns, wanted.Name, value) { Owner = owned ? lab : null });
        }

        // A host sysctl the lab changed and no longer wants: owned, so the plan deletes it, which puts the old value back.
        var wantedOnHost = wantedSysctls.Where(s => s.Ns.IsHost).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var key in records.Keys().Where(k => !wantedOnHost.Contains(k)))
        {
            resources.Add(new SysctlResource(Netns.Host, key, TryRead(Netns.Host, key) ?? "") { Owner = lab });
        }

        resources.AddRange(HostsFileDriver.Read(hostsDirectory, lab, hostsFilesOf));
        return new LabState(lab, [.. resources.OrderBy(r => r.Key)]);
    }

    // A sysctl of an interface not made yet has no file: it is absent, to be written later.
    private string? TryRead(Netns ns, string key)
    {
        try
        {
            return pool.In(ns).Sysctls.Read(key);
        }
        catch (KernelException e) when (e.Errno == Errors.ENOENT)
        {
            return null;
        }
    }
}
