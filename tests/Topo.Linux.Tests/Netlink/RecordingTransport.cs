using Topo.Linux.Netlink;

namespace Topo.Linux.Tests.Netlink;

/// <summary>
/// A transport without a kernel: it records what is sent and answers from a script, so the
/// wire format and the ack and dump logic can be tested byte for byte. By default every request
/// is acknowledged (errno 0), as the kernel does with NLM_F_ACK.
/// </summary>
public sealed class RecordingTransport(Func<byte[], IEnumerable<byte[]>>? answer = null) : INetlinkTransport
{
    private readonly Queue<byte[]> _replies = new();

    public List<byte[]> Sent { get; } = [];

    public void Enqueue(params byte[][] datagrams)
    {
        foreach (var d in datagrams) _replies.Enqueue(d);
    }

    public void Send(ReadOnlySpan<byte> datagram)
    {
        var bytes = datagram.ToArray();
        Sent.Add(bytes);
        foreach (var reply in (answer ?? AckEach)(bytes)) _replies.Enqueue(reply);
    }

    public int Receive(Span<byte> buffer)
    {
        if (!_replies.TryDequeue(out var next)) throw new InvalidOperationException("the test script has no more replies");
        next.CopyTo(buffer);
        return next.Length;
    }

    public void Dispose()
    {
    }

    /// <summary>One capped ack per message of the datagram, each in a datagram of its own.</summary>
    public static IEnumerable<byte[]> AckEach(byte[] datagram)
    {
        var sequences = new List<uint>();
        foreach (var m in NetlinkMessage.Read(datagram)) sequences.Add(m.Sequence);
        return sequences.Select(s => Ack(s, 0));
    }

    public static byte[] Ack(uint sequence, int errno)
    {
        var w = new NetlinkWriter();
        var start = w.BeginMessage(NetlinkProtocol.Error, NetlinkProtocol.Capped, sequence);
        w.Struct(-errno);
        w.Struct(default(EchoedHeader));
        w.EndMessage(start);
        return w.Written.ToArray();
    }

    // Zeros standing for the echoed request header of a capped ack.
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential, Size = 16)]
    private struct EchoedHeader;

    public static string Hex(ReadOnlySpan<byte> bytes) =>
        string.Join('\n', bytes.ToArray().Chunk(16).Select(c => Convert.ToHexStringLower(c)));

    public static byte[] FromHex(string text) => Convert.FromHexString(string.Concat(text.Where(char.IsAsciiHexDigit)));
}
