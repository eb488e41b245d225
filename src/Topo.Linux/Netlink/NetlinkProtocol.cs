namespace Topo.Linux.Netlink;

/// <summary>The fixed numbers of the netlink protocol itself (linux/netlink.h), independent of any family.</summary>
public static class NetlinkProtocol
{
    public const int HeaderSize = 16;
    public const int AttributeHeaderSize = 4;

    // Message types every netlink family shares.
    public const ushort Noop = 1;
    public const ushort Error = 2;
    public const ushort Done = 3;

    /// <summary>Types below this are the protocol's own; a family's messages start here (NLMSG_MIN_TYPE).</summary>
    public const ushort FirstFamilyType = 16;

    // Request and reply flags.
    public const ushort Request = 0x1;
    public const ushort Multi = 0x2;
    public const ushort Ack = 0x4;
    public const ushort DumpInterrupted = 0x10;
    public const ushort Dump = 0x300;
    public const ushort Replace = 0x100;
    public const ushort Exclusive = 0x200;
    public const ushort Create = 0x400;

    // Flags on an NLMSG_ERROR: the echoed request is cut to its header; extended-ack attributes follow.
    public const ushort Capped = 0x100;
    public const ushort AckTlvs = 0x200;

    // Extended-ack attribute carrying the kernel's text (NLMSGERR_ATTR_MSG).
    public const ushort ErrorAttributeMessage = 1;

    public const ushort NestedFlag = 0x8000;
    public const ushort NetByteOrderFlag = 0x4000;

    // Socket level and options (SOL_NETLINK).
    public const int SolNetlink = 270;
    public const int CapAck = 10;
    public const int ExtAck = 11;
    public const int GetStrictCheck = 12;

    public const int Route = 0; // NETLINK_ROUTE
    public const int Netfilter = 12; // NETLINK_NETFILTER

    public static int Align(int length) => (length + 3) & ~3;
}
