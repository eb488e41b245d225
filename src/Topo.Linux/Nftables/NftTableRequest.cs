using System.Buffers.Binary;
using Topo.Core.State;
using Topo.Linux.Netlink;

namespace Topo.Linux.Nftables;

/// <summary>
/// One change to an <c>ip</c> or <c>ip6</c> table sent over nfnetlink as a batch of its own (begin, the message,
/// end), as <c>nft</c> sends it, with no libnftables context: making the lab's table with its mark,
/// and deleting a table with all its chains and rules.
/// </summary>
internal static class NftTableRequest
{
    private const uint Sequence = 2;

    /// <summary>Sends the message and waits for its answer: an ack, or the kernel's refusal in its own words.</summary>
    /// <exception cref="KernelException">A frame of the batch was refused (never seen unless the kernel's batch format changes).</exception>
    public static NetlinkError Send(NetlinkSocket socket, ushort type, ushort flags, string table, ReadOnlySpan<byte> userData, string context, NftFamily family = NftFamily.Ip)
    {
        NftCommands.CheckTableName(table);
        var writer = new NetlinkWriter();
        Frame(writer, Nfnl.BatchBegin, Sequence - 1);
        var message = writer.BeginMessage(type, (ushort)(NetlinkProtocol.Request | NetlinkProtocol.Ack | flags), Sequence);
        writer.Struct(new NfGenMsg { Family = Nfnl.Of(family) });
        writer.String(Nfnl.TableName, table);
        if (!userData.IsEmpty) writer.Attribute(Nfnl.TableUserData, userData);
        writer.EndMessage(message);
        Frame(writer, Nfnl.BatchEnd, Sequence + 1);
        socket.Send(writer.Written);

        var buffer = new byte[NetlinkChannel.ReceiveBufferSize];
        while (true)
        {
            var length = socket.Receive(buffer);
            foreach (var answer in NetlinkMessage.Read(buffer.AsSpan(0, length)))
            {
                if (answer.Type != NetlinkProtocol.Error) continue;
                var error = NetlinkError.Parse(answer);
                var ours = answer.Sequence == Sequence;
                if (ours) return error;
                if (!error.IsAck) throw new KernelException(context, error.Errno, error.Text);
            }
        }
    }

    private static void Frame(NetlinkWriter writer, ushort type, uint sequence)
    {
        var start = writer.BeginMessage(type, NetlinkProtocol.Request, sequence);
        writer.Struct(new NfGenMsg { ResourceId = BinaryPrimitives.ReverseEndianness(Nfnl.SubsystemNftables) });
        writer.EndMessage(start);
    }
}
