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

    /// <summary>Deletes table <c>ip <paramref name="table"/></c>; false when there was none.</summary>
    /// <exception cref="KernelException">The kernel refused, in its own words.</exception>
    public bool Delete(string table)
    {
        var context = $"deleting nftables table {table} in namespace '{thread.Name}'";
        // Opened on the namespace's thread, so that it is that namespace's.
        var socket = _socket ??= thread.Invoke(() => NetlinkSocket.Open(0, NetlinkProtocol.Netfilter));
        var answer = NftTableRequest.Send(socket, Nfnl.DelTable, 0, table, [], context);
        if (answer.IsAck) return true;
        if (answer.Errno == Errors.ENOENT) return false;
        throw new KernelException(context, answer.Errno, answer.Text);
    }

    public void Dispose() => _socket?.Dispose();
}
