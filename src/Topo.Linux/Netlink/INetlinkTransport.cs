namespace Topo.Linux.Netlink;

/// <summary>Where netlink datagrams go and come from: the kernel's socket, or recorded bytes in a test.</summary>
public interface INetlinkTransport : IDisposable
{
    void Send(ReadOnlySpan<byte> datagram);

    /// <summary>Blocks for the next datagram and returns its length; fails if it did not fit.</summary>
    int Receive(Span<byte> buffer);
}
