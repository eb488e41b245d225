using System.Runtime.InteropServices;

namespace Topo.Linux.Rtnl;

/// <summary>struct ifinfomsg: the fixed header of link messages.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct IfInfoMsg
{
    public const int Size = 16;
    public byte Family;
    public byte Pad;
    public ushort Type;
    public int Index;
    public uint Flags;
    public uint Change;
}

/// <summary>struct ifaddrmsg: the fixed header of address messages.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct IfAddrMsg
{
    public const int Size = 8;
    public byte Family;
    public byte PrefixLength;
    public byte Flags;
    public byte Scope;
    public int Index;
}

/// <summary>struct rtmsg: the fixed header of route messages.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct RtMsg
{
    public const int Size = 12;
    public byte Family;
    public byte DstLength;
    public byte SrcLength;
    public byte Tos;
    public byte Table;
    public byte Protocol;
    public byte Scope;
    public byte Type;
    public uint Flags;
}

/// <summary>struct ndmsg: the fixed header of neighbour messages, forwarding-database entries among them.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct NdMsg
{
    public const int Size = 12;
    public byte Family;
    public byte Pad1;
    public ushort Pad2;
    public int Index;
    public ushort State;
    public byte Flags;
    public byte Type;
}

/// <summary>struct rtgenmsg: the one-byte header of namespace-id messages (padded to 4).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct RtGenMsg
{
    public const int Size = 1;
    public byte Family;
}
