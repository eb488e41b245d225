using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Namespaces;
using Topo.Linux.Netlink;

namespace Topo.Linux.Nftables;

/// <summary>
/// Deletes <c>ip</c> tables with all their chains and rules in one namespace, over nfnetlink: the
/// one-message batch that <c>nft delete table ip NAME</c> sends, with no libnftables context, whose
/// making and freeing cost a <c>down</c> more than the deletion.
/// </summary>
/// <remarks>
/// Its socket is opened on first use and kept until disposed: closing an nfnetlink socket waits
/// until nf_tables has freed what the last commit deleted, a grace period later (10-20 ms). Closed
/// with the session, after the rest of the plan, it finds that done.
/// </remarks>
public sealed class NftTableDeleter(NamespaceThread thread) : IDisposable
{
    private NetlinkSocket? _socket;

    /// <summary>
    /// Deletes table <c>ip <paramref name="table"/></c> and its IPv6 twin <c>ip6 <paramref name="table"/></c> when
    /// that carries the same lab's mark; false when there was no <c>ip</c> table.
    /// </summary>
    /// <exception cref="KernelException">The kernel refused, in its own words.</exception>
    public bool Delete(string table)
    {
        // Opened on the namespace's thread, so that it is that namespace's.
        var socket = _socket ??= thread.Invoke(() => NetlinkSocket.Open(0, NetlinkProtocol.Netfilter));
        var lab = NftTableResource.LabOf(table);
        if (lab is not null && NftTableLookup.Find(socket, thread.Name, table, NftFamily.Ip6) is { } ip6 && ip6.Owner == lab) Delete(socket, table, NftFamily.Ip6);
        return Delete(socket, table, NftFamily.Ip);
    }

    private bool Delete(NetlinkSocket socket, string table, NftFamily family)
    {
        var context = $"deleting nftables table {(family == NftFamily.Ip ? "" : family.Keyword() + " ")}{table} in namespace '{thread.Name}'";
        var answer = NftTableRequest.Send(socket, Nfnl.DelTable, 0, table, [], context, family);
        if (answer.IsAck) return true;
        if (answer.Errno == Errors.ENOENT) return false;
        throw new KernelException(context, answer.Errno, answer.Text);
    }

    public void Dispose() => _socket?.Dispose();
}
