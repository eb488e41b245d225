using System.Buffers.Binary;
using Topo.Linux.Netlink;

namespace Topo.Linux.Nftables;

/// <summary>
/// Where a namespace's nftables ruleset stands: the namespace's cookie and the ruleset's generation,
/// which the kernel raises with every change committed to any table there. Two reads that see the
/// same pair saw the same ruleset.
/// </summary>
public readonly record struct NftGeneration(ulong Namespace, uint Generation)
{
    /// <summary>Asks the kernel, over a socket of its own, in the calling thread's namespace.</summary>
    public static NftGeneration Current()
    {
        var socket = NetlinkSocket.Open(0, NetlinkProtocol.Netfilter);
        using var channel = new NetlinkChannel(socket);
        var batch = channel.Batch();
        batch.Begin(Nfnl.GetGen, 0, "asking for the nftables generation");
        batch.Writer.Struct(new NfGenMsg());
        batch.End();
        var answer = batch.Commit(Parse)[0] ?? throw new KernelException("asking for the nftables generation", 0, "the kernel sent no generation");
        return new NftGeneration(socket.NamespaceCookie(), answer.Id);
    }

    private static GenerationId? Parse(NetlinkMessage message)
    {
        if (message.Type != Nfnl.NewGen) return null;
        foreach (var a in message.Attributes(NfGenMsg.Size))
        {
            if (a.Type == Nfnl.GenId && a.Value.Length >= 4) return new GenerationId(BinaryPrimitives.ReadUInt32BigEndian(a.Value));
        }

        return null;
    }

    private sealed record GenerationId(uint Id);
}
