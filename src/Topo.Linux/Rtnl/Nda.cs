namespace Topo.Linux.Rtnl;

/// <summary>
/// Neighbour attributes, and the values of ndmsg's flags and state fields (linux/neighbour.h), as a
/// bridge or VXLAN forwarding database (family AF_BRIDGE) uses them.
/// </summary>
public static class Nda
{
    public const ushort Dst = 1;
    public const ushort LinkLayerAddress = 2;
    public const ushort CacheInfo = 3;
    public const ushort Vlan = 5;

    /// <summary>A VXLAN remote's UDP port, big-endian u16; the kernel leaves it out where it is the device's own.</summary>
    public const ushort Port = 6;

    /// <summary>A VXLAN remote's VNI (u32); the kernel leaves it out where it is the device's own.</summary>
    public const ushort Vni = 7;

    /// <summary>In an entry, the interface a VXLAN remote is reached by; in a dump request, the device whose entries are wanted.</summary>
    public const ushort IfIndex = 8;

    /// <summary>The bridge an entry's device is a port of (u32).</summary>
    public const ushort Master = 9;

    public const byte FamilyBridge = 7; // AF_BRIDGE

    // ndm_flags: the entry is the device's own (a VXLAN's remotes), or its master bridge's.
    public const byte FlagSelf = 0x02;
    public const byte FlagMaster = 0x04;

    // ndm_state.
    public const ushort StateNoArp = 0x40;
    public const ushort StatePermanent = 0x80;

    /// <summary>NLM_F_APPEND (linux/netlink.h): adds a remote to an entry's list rather than replacing the entry; only FDB requests use it.</summary>
    public const ushort RequestAppend = 0x800;

    /// <summary>The MAC of head-end replication: frames for unknown, broadcast and multicast addresses go to every remote of this entry.</summary>
    public const string AllZeroMac = "00:00:00:00:00:00";
}
