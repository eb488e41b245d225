using Topo.Core.State;
using Topo.Linux.Reader;

namespace Topo.Linux.Execution;

/// <summary>
/// The actual state of one lab: what <see cref="KernelReader"/> finds over netlink, plus the lab's
/// nftables table in the host and in each of its namespaces, plus the sysctls it wants or once changed.
/// </summary>
internal sealed class LabStateReader(string lab, NamespacePool pool, SysctlRecords records)
{
    public LabState Read(IEnumerable<string> nodeNames, IReadOnlyCollection<SysctlResource> wantedSysctls)
    {
        var read = new KernelReader(pool.Host.Thread, pool.Directory).Read(lab, nodeNames);
        var resources = read.Resources.ToList();
        var namespaceOwners = resources.OfType<NamespaceResource>().ToDictionary(n => n.Name, n => n.Owner, StringComparer.Ordinal);

        // Another lab's table, or one in a namespace the lab does not own, is not this lab's to read.
        var table = NftTableResource.TableName(lab);
        var labNamespaces = namespaceOwners.Where(n => n.Value == lab).Select(n => n.Key).ToList();
        foreach (var ns in NftTablePresence.Holding(pool.Directory, labNamespaces, table).Order(StringComparer.Ordinal).Prepend(Netns.Host))
        {
            if (pool.In(ns).Nft.Read(table) is { } held) resources.Add(held with { Owner = lab });
        }

        foreach (var wanted in wantedSysctls)
        {
            string? nsOwner = null;
            if (wanted.Ns.Length != 0 && !namespaceOwners.TryGetValue(wanted.Ns, out nsOwner)) continue;
            if (TryRead(wanted.Ns, wanted.Name) is not { } value) continue;
            var owned = wanted.Ns.Length == 0 ? records.Has(wanted.Name) : nsOwner == lab;
            resources.Add(new SysctlResource(wanted.Ns, wanted.Name, value) { Owner = owned ? lab : null });
        }

        // A host sysctl the lab changed and no longer wants: owned, so the plan deletes it, which puts the old value back.
        var wantedOnHost = wantedSysctls.Where(s => s.Ns.Length == 0).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var key in records.Keys().Where(k => !wantedOnHost.Contains(k)))
        {
            resources.Add(new SysctlResource(Netns.Host, key, TryRead(Netns.Host, key) ?? "") { Owner = lab });
        }

        return new LabState(lab, [.. resources.OrderBy(r => r.Key)]);
    }

    // A sysctl of an interface not made yet has no file: it is absent, to be written later.
    private string? TryRead(string ns, string key)
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
