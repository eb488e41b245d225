namespace Topo.Linux.Netlink;

/// <summary>
/// Requests written one after another into one buffer and sent together; the acks are then
/// matched to them by sequence number. One round trip for the batch (a few for a very large
/// one), not one per request. Every request carries NLM_F_ACK and a context naming its object,
/// so the first failure is reported in the words of its own request.
/// The kernel runs every request of a datagram even after one fails; a failure stops only the
/// datagrams not yet sent.
/// </summary>
public sealed class NetlinkBatch
{
    // Keeps a datagram and its answers inside the socket's default receive buffer: the kernel
    // charges each answer (a small datagram of its own) about a kilobyte, and overflows with ENOBUFS.
    private const int DatagramLimit = 32 * 1024;
    private const int RequestsPerDatagram = 64;
    private readonly NetlinkChannel _channel;
    private readonly List<Pending> _requests = [];
    private int _open = -1;
    private int _sent;
    private bool _withPrevious;

    internal NetlinkBatch(NetlinkChannel channel) => _channel = channel;

    /// <summary>Where the requests are written: the family's header and attributes go here between Begin and End.</summary>
    public NetlinkWriter Writer { get; } = new();

    public int Count => _requests.Count;

    /// <summary>Requests queued since the last commit.</summary>
    public int Unsent => _requests.Count - _sent;

    /// <summary>
    /// After a commit threw: the position (from 0, over the batch's whole life) of the request the
    /// kernel refused, so a caller that queued many objects' requests can tell whose it was.
    /// </summary>
    public int? FailedAt { get; private set; }

    /// <summary>
    /// The next request goes in the same datagram as the one before it: the kernel runs a datagram's
    /// requests within one send, so no kill can fall between the two (a creation and its mark).
    /// </summary>
    public void KeepWithPrevious() => _withPrevious = true;

    /// <summary>Starts a request; <paramref name="context"/> names what it does ("creating bridge 'br0' in namespace 'web'").</summary>
    public void Begin(ushort type, ushort flags, string context)
    {
        if (_open >= 0) throw new InvalidOperationException("the previous request of this batch was not ended");
        var sequence = _channel.NextSequence();
        _open = Writer.BeginMessage(type, (ushort)(flags | NetlinkProtocol.Request | NetlinkProtocol.Ack), sequence);
        _requests.Add(new Pending(sequence, context, _open, _withPrevious));
        _withPrevious = false;
    }

    public void End()
    {
        if (_open < 0) throw new InvalidOperationException("no request of this batch is open");
        Writer.EndMessage(_open);
        _open = -1;
    }

    /// <summary>Sends every request not yet sent and waits for their acks; throws the first failure, in request order. The batch can take more requests afterwards.</summary>
    public void Commit() => Commit<object>(static _ => null);

    /// <summary>
    /// As <see cref="Commit()"/>, for requests that are answered (RTM_GETLINK by name, RTM_GETNSID):
    /// the parsed answer of each request sent now, in request order.
    /// </summary>
    public IReadOnlyList<T?> Commit<T>(MessageParser<T> parse)
    {
        if (_open >= 0) throw new InvalidOperationException("the last request of this batch was not ended");
        var answers = new T?[_requests.Count];
        var errors = new NetlinkError?[_requests.Count];
        var buffer = _channel.RentBuffer();
        var start = _sent;
        _sent = _requests.Count;
        try
        {
            var first = start;
            while (first < _requests.Count)
            {
                var last = LastOfDatagram(first);
                var end = last + 1 < _requests.Count ? _requests[last + 1].Offset : Writer.Length;
                _channel.Transport.Send(Writer.Written[_requests[first].Offset..end]);
                Collect(buffer, first, last, answers, errors, parse);
                for (var i = first; i <= last; i++)
                {
                    if (errors[i] is not { IsAck: false } e) continue;
                    FailedAt = i;
                    throw new KernelException(_requests[i].Context, e.Errno, e.Text);
                }

                first = last + 1;
            }

            return answers[start..];
        }
        finally
        {
            NetlinkChannel.ReturnBuffer(buffer);
        }
    }

    /// <summary>Drops the requests written since the last commit: they are never sent, and keep their positions.</summary>
    public void Discard() => _sent = _requests.Count;

    private int LastOfDatagram(int first)
    {
        var last = first;
        while (last + 1 < _requests.Count && last + 1 - first < RequestsPerDatagram &&
               _requests[last + 1].Offset - _requests[first].Offset < DatagramLimit) last++;
        // A request kept with the one before it may take a datagram a little past the limits.
        while (last + 1 < _requests.Count && _requests[last + 1].WithPrevious) last++;
        return last;
    }

    private void Collect<T>(byte[] buffer, int first, int last, T?[] answers, NetlinkError?[] errors, MessageParser<T> parse)
    {
        var waiting = last - first + 1;
        var indexOf = new Dictionary<uint, int>(waiting);
        for (var i = first; i <= last; i++) indexOf[_requests[i].Sequence] = i;
        while (waiting > 0)
        {
            var length = _channel.Transport.Receive(buffer);
            foreach (var message in NetlinkMessage.Read(buffer.AsSpan(0, length)))
            {
                // Anything that is not an answer to this datagram (a notification, a stale reply) is not ours.
                if (!indexOf.TryGetValue(message.Sequence, out var index)) continue;
                if (message.Type == NetlinkProtocol.Error)
                {
                    if (errors[index] is not null) continue;
                    errors[index] = NetlinkError.Parse(message);
                    waiting--;
                }
                else if (message.Type >= NetlinkProtocol.FirstFamilyType)
                {
                    answers[index] = parse(message);
                }
            }
        }
    }

    private readonly record struct Pending(uint Sequence, string Context, int Offset, bool WithPrevious);
}
