using Topo.Core.State;
using Topo.Linux.Netlink;

namespace Topo.Linux.Nftables;

/// <summary>An <c>ip</c> (or <c>ip6</c>) table the kernel holds, and the lab its mark names (null when it carries none: not topo's).</summary>
public sealed record NftTableFound(string? Owner);

/// <summary>
/// Asks the kernel for one <c>ip</c> or <c>ip6</c> table over nfnetlink (NFT_MSG_GETTABLE, one small request): whether
/// it is there and whose mark it carries, with no libnftables context.
/// </summary>
internal static class NftTableLookup
{
    /// <summary>The table, or null when the namespace of <paramref name="socket"/> has none of that name.</summary>
    public static NftTableFound? Find(NetlinkSocket socket, Netns ns, string table, NftFamily family = NftFamily.Ip)
    {
        NftCommands.CheckTableName(table);
        var context = $"looking for nftables table {family.Keyword()} {table} in namespace '{ns}'";
        // The channel would close the socket on dispose; the caller owns it.
        var batch = new NetlinkChannel(socket).Batch();
        batch.Begin(Nfnl.GetTable, 0, context);
        batch.Writer.Struct(new NfGenMsg { Family = Nfnl.Of(family) });
        batch.Writer.String(Nfnl.TableName, table);
        batch.End();
        try
        {
            return batch.Commit(Parse)[0] ?? throw new KernelException(context, 0, "the kernel sent no table");
        }
        catch (KernelException e) when (e.Errno == Errors.ENOENT)
        {
            return null;
        }
    }

    /// <summary>As <see cref="Find(NetlinkSocket, string, string)"/>, over a socket of its own in the calling thread's namespace.</summary>
    public static NftTableFound? Find(Netns ns, string table)
    {
        using var socket = NetlinkSocket.Open(0, NetlinkProtocol.Netfilter);
        return Find(socket, ns, table);
    }

    private static NftTableFound? Parse(NetlinkMessage message)
    {
        if (message.Type != Nfnl.NewTable) return null;
        foreach (var a in message.Attributes(NfGenMsg.Size))
        {
            if (a.Type == Nfnl.TableUserData) return new NftTableFound(NftTableMark.LabOf(a.Value));
        }

        return new NftTableFound(null);
    }
}
