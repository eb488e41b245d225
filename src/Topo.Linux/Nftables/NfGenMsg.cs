using System.Runtime.InteropServices;

namespace Topo.Linux.Nftables;

/// <summary>struct nfgenmsg: the fixed header of nfnetlink messages (version 0, resource id 0).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NfGenMsg
{
    public const int Size = 4;

    public byte Family;
    public byte Version;
    public ushort ResourceId;
}
