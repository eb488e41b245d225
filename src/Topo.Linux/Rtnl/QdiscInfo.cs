using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Topo.Linux.Netlink;

namespace Topo.Linux.Rtnl;

/// <summary>
/// One qdisc as an RTM_NEWQDISC reply of a dump describes it: on the interface of <see cref="Index"/>, under
/// <see cref="Parent"/> (<see cref="Tca.Root"/> for the root), of <see cref="Kind"/>, with netem's or tbf's settings
/// read back when it is one of those.
/// </summary>
public sealed record QdiscInfo(int Index, uint Handle, uint Parent, string Kind, NetemOptions? Netem = null, TbfOptions? Tbf = null)
{
    public bool IsRoot => Parent == Tca.Root;

    public static QdiscInfo? Parse(NetlinkMessage message)
    {
        if (message.Type != RtnlTypes.NewQdisc || message.Payload.Length < TcMsg.Size) return null;
        var header = MemoryMarshal.Read<TcMsg>(message.Payload);
        string? kind = null;
        byte[]? options = null;
        foreach (var a in message.Attributes(TcMsg.Size))
        {
            if (a.Type == Tca.Kind) kind = a.String();
            else if (a.Type == Tca.Options) options = a.Value.ToArray();
        }

        if (kind is null) return null;
        var info = new QdiscInfo(header.Index, header.Handle, header.Parent, kind);
        return (kind, options) switch
        {
            ("netem", { Length: >= TcNetemQopt.Size }) => info with { Netem = ParseNetem(options) },
            ("tbf", not null) => info with { Tbf = ParseTbf(options) },
            _ => info,
        };
    }

    // The 64-bit attributes, where the kernel sends them, are exact; the struct's ticks are their fallback.
    private static NetemOptions ParseNetem(byte[] options)
    {
        var q = MemoryMarshal.Read<TcNetemQopt>(options);
        long latency = TcTime.Nanoseconds(q.Latency), jitter = TcTime.Nanoseconds(q.Jitter);
        uint corrupt = 0;
        ulong rate = 0, rate64 = 0;
        foreach (var a in new AttributeReader(options.AsSpan(NetlinkProtocol.Align(TcNetemQopt.Size))))
        {
            switch (a.Type)
            {
                case Tca.NetemLatency64 when a.Value.Length >= 8: latency = BinaryPrimitives.ReadInt64LittleEndian(a.Value); break;
                case Tca.NetemJitter64 when a.Value.Length >= 8: jitter = BinaryPrimitives.ReadInt64LittleEndian(a.Value); break;
                case Tca.NetemCorrupt: corrupt = a.U32(); break;
                case Tca.NetemRate: rate = a.U32(); break;
                case Tca.NetemRate64 when a.Value.Length >= 8: rate64 = BinaryPrimitives.ReadUInt64LittleEndian(a.Value); break;
            }
        }

        return new NetemOptions(latency, jitter, q.Loss, q.Duplicate, corrupt, rate64 > 0 ? rate64 : rate, q.Limit);
    }

    private static TbfOptions ParseTbf(byte[] options)
    {
        TcTbfQopt? parms = null;
        uint burst = 0;
        ulong rate64 = 0;
        foreach (var a in new AttributeReader(options))
        {
            switch (a.Type)
            {
                case Tca.TbfParms when a.Value.Length >= TcTbfQopt.Size: parms = MemoryMarshal.Read<TcTbfQopt>(a.Value); break;
                case Tca.TbfBurst: burst = a.U32(); break;
                case Tca.TbfRate64 when a.Value.Length >= 8: rate64 = BinaryPrimitives.ReadUInt64LittleEndian(a.Value); break;
            }
        }

        return new TbfOptions(rate64 > 0 ? rate64 : parms?.Rate.Rate ?? 0, burst, parms?.Limit ?? 0);
    }
}
