using System.Runtime.InteropServices;

namespace Topo.Linux.Rtnl;

/// <summary>struct tcmsg: the fixed header of qdisc messages.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct TcMsg
{
    public const int Size = 20;
    public byte Family;
    public byte Pad1;
    public ushort Pad2;
    public int Index;
    public uint Handle;
    public uint Parent;
    public uint Info;
}

/// <summary>struct tc_netem_qopt: netem's options, before its attributes in TCA_OPTIONS. Times in scheduler ticks.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct TcNetemQopt
{
    public const int Size = 24;
    public uint Latency;
    public uint Limit;
    public uint Loss;
    public uint Gap;
    public uint Duplicate;
    public uint Jitter;
}

/// <summary>struct tc_netem_corrupt (TCA_NETEM_CORRUPT).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct TcNetemCorrupt
{
    public uint Probability;
    public uint Correlation;
}

/// <summary>struct tc_netem_rate (TCA_NETEM_RATE): bytes a second.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct TcNetemRate
{
    public uint Rate;
    public int PacketOverhead;
    public uint CellSize;
    public int CellOverhead;
}

/// <summary>struct tc_ratespec: a rate in bytes a second, with how its rate table is laid out.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct TcRateSpec
{
    public byte CellLog;
    public byte LinkLayer;
    public ushort Overhead;
    public short CellAlign;
    public ushort Mpu;
    public uint Rate;
}

/// <summary>struct tc_tbf_qopt (TCA_TBF_PARMS): the bucket's time (<see cref="Buffer"/>, ticks) and the queue's length in bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct TcTbfQopt
{
    public const int Size = 36;
    public TcRateSpec Rate;
    public TcRateSpec PeakRate;
    public uint Limit;
    public uint Buffer;
    public uint Mtu;
}
