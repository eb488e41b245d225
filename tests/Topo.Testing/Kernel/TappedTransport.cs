using Topo.Linux.Netlink;

namespace Topo.Testing.Kernel;

/// <summary>A transport that keeps a copy of every datagram sent through it to the real one, so a test sees topo's own bytes.</summary>
public sealed class TappedTransport(INetlinkTransport inner) : INetlinkTransport
{
    private readonly List<byte[]> _sent = [];

    public IReadOnlyList<byte[]> Sent => _sent;

    /// <summary>Every message sent so far, datagrams split.</summary>
    public List<byte[]> Messages => _sent.SelectMany(NetlinkRequest.Split).ToList();

    public void Send(ReadOnlySpan<byte> datagram)
    {
        _sent.Add(datagram.ToArray());
        inner.Send(datagram);
    }

    public int Receive(Span<byte> buffer) => inner.Receive(buffer);

    public void Dispose() => inner.Dispose();
}
