using System.Buffers;
using System.Buffers.Binary;

namespace Topo.Linux.Netlink;

/// <summary>
/// Requests and replies over one transport: numbers requests, matches replies to them by
/// sequence number (ignoring anything else, such as notifications), runs dumps to their end.
/// Not thread-safe: one caller at a time, and one dump in flight, as the kernel allows per socket.
/// </summary>
public sealed class NetlinkChannel(INetlinkTransport transport) : IDisposable
{
    // Large enough for any datagram the kernel sends: dump parts are at most 32 KiB.
    internal const int ReceiveBufferSize = 64 * 1024;
    private uint _sequence;
    private bool _dumping;

    public INetlinkTransport Transport { get; } = transport;

    public uint NextSequence() => ++_sequence == 0 ? ++_sequence : _sequence;

    /// <summary>A batch of requests that leave together and are acknowledged together.</summary>
    public NetlinkBatch Batch() => new(this);

    /// <summary>
    /// Sends a dump request now and reads it later with <see cref="PendingDump.Collect{T}"/>, so
    /// that dumps on many sockets (namespaces) run at once.
    /// </summary>
    public PendingDump StartDump(ReadOnlySpan<byte> request, string context)
    {
        if (_dumping) throw new InvalidOperationException("a dump is already in flight on this netlink channel");
        var dump = new PendingDump(this, request.ToArray(), context);
        _dumping = true;
        dump.Send();
        return dump;
    }

    internal void DumpFinished() => _dumping = false;

    internal byte[] RentBuffer() => ArrayPool<byte>.Shared.Rent(ReceiveBufferSize);

    internal static void ReturnBuffer(byte[] buffer) => ArrayPool<byte>.Shared.Return(buffer);

    internal uint Stamp(Span<byte> message)
    {
        var sequence = NextSequence();
        BinaryPrimitives.WriteUInt32LittleEndian(message[8..], sequence);
        return sequence;
    }

    public void Dispose() => Transport.Dispose();
}
