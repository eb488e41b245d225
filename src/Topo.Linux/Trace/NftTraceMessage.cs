using System.Buffers.Binary;
using Topo.Core.State;
using Topo.Core.Trace;
using Topo.Linux.Netlink;
using Topo.Linux.Nftables;

namespace Topo.Linux.Trace;

/// <summary>
/// NFT_MSG_TRACE, the event nf_tables sends to the NFNLGRP_NFTRACE group for a packet with nftrace set
/// (linux/netfilter/nf_tables.h, enum nft_trace_attributes): numbers in it are big-endian.
/// </summary>
public static class NftTraceMessage
{
    public const ushort Type = (Nfnl.SubsystemNftables << 8) | 17; // NFT_MSG_TRACE
    public const uint Group = 9; // NFNLGRP_NFTRACE

    private const ushort TraceTable = 1, TraceChain = 2, TraceRuleHandle = 3, TraceType = 4, TraceVerdict = 5, TraceId = 6;
    private const ushort TraceNetworkHeader = 8, TraceTransportHeader = 9, TraceIif = 10, TraceOif = 12, TracePolicy = 16;
    private const ushort VerdictCode = 1, VerdictChain = 2;

    public static TraceEvent? Parse(Netns ns, NetlinkMessage message)
    {
        if (message.Type != Type || message.Payload.Length < NfGenMsg.Size) return null;
        var family = message.Payload[0] switch { 1 => "inet", 2 => "ip", 10 => "ip6", 3 => "arp", 7 => "bridge", 5 => "netdev", var f => $"family {f}" };
        string table = "", chain = "";
        long? handle = null;
        uint? id = null;
        int? iif = null, oif = null;
        var type = TraceEventType.Rule;
        string? verdict = null, jump = null;
        ReadOnlySpan<byte> network = [], transport = [];
        foreach (var a in message.Attributes(NfGenMsg.Size))
        {
            switch (a.Type)
            {
                case TraceTable: table = a.String(); break;
                case TraceChain: chain = a.String(); break;
                case TraceRuleHandle when a.Value.Length >= 8: handle = (long)BinaryPrimitives.ReadUInt64BigEndian(a.Value); break;
                case TraceType when a.Value.Length >= 4:
                    type = BinaryPrimitives.ReadUInt32BigEndian(a.Value) switch { 1 => TraceEventType.Policy, 2 => TraceEventType.Return, _ => TraceEventType.Rule };
                    break;
                case TraceVerdict:
                    foreach (var v in a.Nested())
                    {
                        if (v.Type == VerdictCode && v.Value.Length >= 4) verdict = Verdict(BinaryPrimitives.ReadInt32BigEndian(v.Value));
                        else if (v.Type == VerdictChain) jump = v.String();
                    }

                    break;
                case TracePolicy when a.Value.Length >= 4: verdict ??= Verdict(BinaryPrimitives.ReadInt32BigEndian(a.Value)); break;
                case TraceId when a.Value.Length >= 4: id = BinaryPrimitives.ReadUInt32BigEndian(a.Value); break;
                case TraceIif when a.Value.Length >= 4: iif = (int)BinaryPrimitives.ReadUInt32BigEndian(a.Value); break;
                case TraceOif when a.Value.Length >= 4: oif = (int)BinaryPrimitives.ReadUInt32BigEndian(a.Value); break;
                case TraceNetworkHeader: network = a.Value; break;
                case TraceTransportHeader: transport = a.Value; break;
            }
        }

        return new TraceEvent(ns, family, table, chain, type, handle, verdict, jump, iif, oif, PacketHeaderParser.Parse(network, transport), id);
    }

    /// <summary>nft's word for a verdict code: netfilter's (the low byte; a drop may carry an errno above it) or nf_tables' own (negative).</summary>
    public static string Verdict(int code) => code switch
    {
        -1 => "continue",
        -2 => "break",
        -3 => "jump",
        -4 => "goto",
        -5 => "return",
        _ => (code & 0xff) switch { 0 => "drop", 1 => "accept", 2 => "stolen", 3 => "queue", 4 => "repeat", var c => $"verdict {c}" },
    };
}
