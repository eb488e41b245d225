namespace Topo.Linux.Netlink;

/// <summary>Turns one reply message into a value, or <c>default</c> to skip it.</summary>
public delegate T? MessageParser<T>(NetlinkMessage message);
