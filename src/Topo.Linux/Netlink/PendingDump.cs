namespace Topo.Linux.Netlink;

/// <summary>
/// A dump that has been sent and not yet read. Reading runs to NLMSG_DONE; if any part was
/// marked NLM_F_DUMP_INTR (the table changed while it was walked) the dump is sent again.
/// </summary>
public sealed class PendingDump
{
    private const int Attempts = 10;
    private readonly NetlinkChannel _channel;
    private readonly byte[] _request;
    private readonly string _context;
    private uint _sequence;

    internal PendingDump(NetlinkChannel channel, byte[] request, string context)
    {
        _channel = channel;
        _request = request;
        _context = context;
    }

    internal void Send()
    {
        _sequence = _channel.Stamp(_request);
        _channel.Transport.Send(_request);
    }

    public List<T> Collect<T>(MessageParser<T> parse)
    {
        var buffer = _channel.RentBuffer();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var (results, interrupted) = ReadOnce(buffer, parse);
                if (!interrupted) return results;
                if (attempt == Attempts) throw new KernelException(_context, Errors.EINTR, $"the dump was interrupted {Attempts} times in a row");
                Send();
            }
        }
        finally
        {
            NetlinkChannel.ReturnBuffer(buffer);
            _channel.DumpFinished();
        }
    }

    private (List<T> Results, bool Interrupted) ReadOnce<T>(byte[] buffer, MessageParser<T> parse)
    {
        var results = new List<T>();
        var interrupted = false;
        while (true)
        {
            var length = _channel.Transport.Receive(buffer);
            foreach (var message in NetlinkMessage.Read(buffer.AsSpan(0, length)))
            {
                if (message.Sequence != _sequence) continue;
                interrupted |= message.Has(NetlinkProtocol.DumpInterrupted);
                switch (message.Type)
                {
                    case NetlinkProtocol.Done:
                        ThrowIfDoneCarriesError(message);
                        return (results, interrupted);
                    case NetlinkProtocol.Error:
                        var error = NetlinkError.Parse(message);
                        if (error.IsAck) return (results, interrupted);
                        throw new KernelException(_context, error.Errno, error.Text);
                    case NetlinkProtocol.Noop:
                        continue;
                    default:
                        if (parse(message) is { } value) results.Add(value);
                        break;
                }
            }
        }
    }

    // NLMSG_DONE carries the dump's final status; a failure there has the same shape as an error message.
    private void ThrowIfDoneCarriesError(NetlinkMessage message)
    {
        var error = NetlinkError.ParseDone(message);
        if (!error.IsAck) throw new KernelException(_context, error.Errno, error.Text);
    }
}
