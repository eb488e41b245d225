namespace Topo.Linux.Netlink;

/// <summary>
/// A dump that has been sent and not yet read. Reading runs to NLMSG_DONE; if any part was
/// marked NLM_F_DUMP_INTR (the table changed while it was walked) the dump is sent again: at once
/// the first few times, then every <see cref="Pause"/> until <see cref="Patience"/> has passed. Right
/// after an apply of 10,000 nodes the kernel goes on giving the host's ends their IPv6 link-local
/// addresses for seconds (carrier reaches them through linkwatch, in the background), and the host's
/// address dump of 20,000 entries was interrupted ten times in a row.
/// </summary>
public sealed class PendingDump
{
    private const int QuickAttempts = 10;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(20);
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
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (var attempt = 1; ; attempt++)
            {
                var (results, interrupted) = ReadOnce(buffer, parse);
                if (!interrupted) return results;
                if (attempt >= QuickAttempts)
                {
                    if (clock.Elapsed >= Patience)
                        throw new KernelException(_context, Errors.EINTR, $"the dump was interrupted {attempt} times in a row over {clock.Elapsed.TotalSeconds:0} s: the table kept changing");
                    // Nothing announces that the table has settled: a pause lets the kernel's background work run.
                    Thread.Sleep(Pause);
                }

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
