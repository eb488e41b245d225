using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Topo.Linux.Netlink;

namespace Topo.Linux.Rtnl;

/// <summary>
/// An interface's root qdisc, as <c>tc qdisc add|replace|del dev D root</c> sends it. TCA_OPTIONS is written as tc
/// writes it, without NLA_F_NESTED: netem's is its tc_netem_qopt followed by attributes, tbf's attributes alone.
/// </summary>
public sealed partial class RtnlBatch
{
    public RtnlBatch AddQdisc(QdiscSpec qdisc) =>
        Qdisc(NetlinkProtocol.Create | NetlinkProtocol.Exclusive, qdisc, resets: false, $"adding qdisc {qdisc} in {Here}");

    /// <summary>
    /// Puts <paramref name="qdisc"/> in place of the root qdisc: one of the same kind is changed as it is (its handle
    /// kept), one of another kind is swapped for it. A netem changed in place keeps a corruption or a rate the request
    /// does not name, so a replacing netem names both, at 0 when it has none.
    /// </summary>
    public RtnlBatch ReplaceQdisc(QdiscSpec qdisc) =>
        Qdisc(NetlinkProtocol.Create | NetlinkProtocol.Replace, qdisc, resets: true, $"replacing the qdisc of '{qdisc.Device}' with {qdisc.Kind} in {Here}");

    public RtnlBatch DeleteQdisc(string device) =>
        Queue(RtnlTypes.DelQdisc, 0, $"deleting the root qdisc of '{device}' in {Here}", [device],
            indexes => W.Struct(new TcMsg { Index = indexes[0], Parent = Tca.Root }));

    private RtnlBatch Qdisc(ushort flags, QdiscSpec qdisc, bool resets, string context) =>
        Queue(RtnlTypes.NewQdisc, flags, context, [qdisc.Device], indexes =>
        {
            W.Struct(new TcMsg { Index = indexes[0], Parent = Tca.Root });
            W.String(Tca.Kind, qdisc.Kind);
            var options = W.BeginContainer(Tca.Options);
            if (qdisc.Netem is { } netem) Netem(netem, resets);
            else Tbf(qdisc.Tbf!);
            W.EndNested(options);
        });

    private void Netem(NetemOptions n, bool resets)
    {
        W.Struct(new TcNetemQopt
        {
            Latency = TcTime.Ticks(n.LatencyNs),
            Limit = n.Limit,
            Loss = n.Loss,
            Duplicate = n.Duplicate,
            Jitter = TcTime.Ticks(n.JitterNs),
        });
        if (n.Corrupt > 0 || resets) StructAttribute(Tca.NetemCorrupt, new TcNetemCorrupt { Probability = n.Corrupt });
        if (n.Rate > 0 || resets)
        {
            if (n.Rate > uint.MaxValue) U64(Tca.NetemRate64, n.Rate);
            StructAttribute(Tca.NetemRate, new TcNetemRate { Rate = (uint)Math.Min(n.Rate, uint.MaxValue) });
        }
    }

    private void Tbf(TbfOptions t)
    {
        var (table, cellLog) = TcTime.RateTable(t.Rate);
        // tc times the bucket at the 32-bit rate; with TCA_TBF_BURST the kernel times it anew at the whole rate.
        var rate32 = (uint)Math.Min(t.Rate, uint.MaxValue);
        StructAttribute(Tca.TbfParms, new TcTbfQopt
        {
            Rate = new TcRateSpec { CellLog = cellLog, LinkLayer = Tca.LinkLayerEthernet, CellAlign = -1, Rate = rate32 },
            Limit = t.Limit,
            Buffer = TcTime.TransmitTicks(rate32, t.Burst),
        });
        W.U32(Tca.TbfBurst, t.Burst);
        if (t.Rate > uint.MaxValue) U64(Tca.TbfRate64, t.Rate);
        W.Attribute(Tca.TbfRtab, MemoryMarshal.AsBytes(table.AsSpan()));
    }

    private void StructAttribute<T>(ushort type, in T value) where T : unmanaged =>
        W.Attribute(type, MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)));

    private void U64(ushort type, ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        W.Attribute(type, bytes);
    }
}
