using System.Buffers.Binary;
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
    private const uint DeleteSequence = 2;

    private NetlinkSocket? _socket;

    /// <summary>Deletes table <c>ip <paramref name="table"/></c>; false when there was none.</summary>
    /// <exception cref="KernelException">The kernel refused, in its own words.</exception>
    public bool Delete(string table)
    {
        NftCommands.CheckTableName(table);
        var context = $"deleting nftables table {table} in namespace '{thread.Name}'";
        // Opened on the namespace's thread, so that it is that namespace's.
        var socket = _socket ??= thread.Invoke(() => NetlinkSocket.Open(0, NetlinkProtocol.Netfilter));
        var writer = new NetlinkWriter();
        Frame(writer, Nfnl.BatchBegin, DeleteSequence - 1);
        var delete = writer.BeginMessage(Nfnl.DelTable, NetlinkProtocol.Request | NetlinkProtocol.Ack, DeleteSequence);
        writer.Struct(new NfGenMsg { Family = Nfnl.FamilyIpv4 });
        writer.String(Nfnl.TableName, table);
        writer.EndMessage(delete);
        Frame(writer, Nfnl.BatchEnd, DeleteSequence + 1);
        socket.Send(writer.Written);

        var buffer = new byte[NetlinkChannel.ReceiveBufferSize];
        while (true)
        {
            var length = socket.Receive(buffer);
            foreach (var message in NetlinkMessage.Read(buffer.AsSpan(0, length)))
            {
                if (message.Type != NetlinkProtocol.Error) continue;
                var answer = NetlinkError.Parse(message);
                var ours = message.Sequence == DeleteSequence;
                if (answer.IsAck && ours) return true;
                if (answer.IsAck) continue;
                if (ours && answer.Errno == Errors.ENOENT) return false;
                // A refused frame of the batch (never seen unless the kernel's batch format changes) says why here too.
                throw new KernelException(context, answer.Errno, answer.Text);
            }
        }
    }

    public void Dispose() => _socket?.Dispose();

    private static void Frame(NetlinkWriter writer, ushort type, uint sequence)
    {
        var start = writer.BeginMessage(type, NetlinkProtocol.Request, sequence);
        writer.Struct(new NfGenMsg { ResourceId = BinaryPrimitives.ReverseEndianness(Nfnl.SubsystemNftables) });
        writer.EndMessage(start);
    }
}
