using Topo.Linux.Netlink;

namespace Topo.Linux.Rtnl;

/// <summary>
/// Link, address and route changes in one namespace, queued and then sent together by
/// <see cref="Commit"/>: one round trip for the lot. Interfaces are named; where the kernel
/// wants an index (a master, an address, a route, a rename) the name is looked up as the commit
/// writes the request (see <see cref="IndexOf"/>), so queuing sends nothing.
/// </summary>
public sealed partial class RtnlBatch
{
    private readonly RtnlClient _client;
    private readonly NetlinkBatch _batch;

    // Written into _batch by Commit, in order, each once the names it needs are looked up.
    private readonly List<Request> _queued = [];
    private int _queuedRequests;
    private bool _withPrevious;

    internal RtnlBatch(RtnlClient client)
    {
        _client = client;
        _batch = client.Channel.Batch();
    }

    /// <summary>The requests queued over the batch's whole life, sent or not.</summary>
    public int Count => _batch.Count + _queuedRequests;

    /// <summary>After a commit threw: the position of the refused request among all this batch has queued.</summary>
    public int? FailedAt { get; private set; }

    private NetlinkWriter W => _batch.Writer;

    private string Here => $"namespace '{_client.Namespace}'";

    /// <summary>The next request goes in the same datagram as the one before it (see <see cref="NetlinkBatch.KeepWithPrevious"/>).</summary>
    public RtnlBatch WithPrevious()
    {
        _withPrevious = true;
        return this;
    }

    /// <summary>
    /// Sends every queued change and waits for all acks; throws the first failure with its own context.
    /// A name no interface has fails its request here (ENODEV): the requests before it are sent, those from it on are not.
    /// </summary>
    public void Commit()
    {
        var total = Count;
        var next = 0;
        try
        {
            for (; next < _queued.Count; next++)
            {
                var request = _queued[next];
                var (indexes, missing) = Resolve(request);
                if (missing is not null)
                {
                    // A check stands before the request it guards; after the last request it guards none.
                    FailedAt = _batch.Count < total ? _batch.Count : null;
                    throw new KernelException(request.Context, Errors.ENODEV, $"no interface '{missing}' in {Here}");
                }

                Write(request, indexes);
            }

            Send();
        }
        catch
        {
            // As the datagrams after a refusal are not sent, the rest is dropped; each is written all the
            // same, to keep its place, so that positions stay those of the queue.
            for (; next < _queued.Count; next++) Write(_queued[next], null);
            _batch.Discard();
            throw;
        }
        finally
        {
            _queued.Clear();
            _queuedRequests = 0;
        }
    }

    /// <summary>Sends what is written and not yet sent.</summary>
    private void Send()
    {
        try
        {
            _batch.Commit();
        }
        catch (KernelException)
        {
            FailedAt = _batch.FailedAt;
            throw;
        }
    }

    /// <summary>Queues a request of <paramref name="type"/>; <paramref name="write"/> writes its header and attributes, given the indexes of <paramref name="names"/>.</summary>
    /// <param name="names">The interfaces whose indexes the request carries, looked up when it is written; a null stands for none (index 0).</param>
    /// <param name="written">What the request does to names once it is written (a rename, a deletion), for the requests after it.</param>
    private RtnlBatch Queue(ushort type, ushort flags, string context, string?[] names, Action<int[]> write, Action<int[]>? written = null)
    {
        _queued.Add(new Request(type, flags, context, _withPrevious, names, write, written));
        _withPrevious = false;
        _queuedRequests++;
        return this;
    }

    /// <summary>Queues no request, only the look-up of <paramref name="name"/>: the requests after it are not sent when it is not there.</summary>
    private RtnlBatch Check(string context, string name)
    {
        _queued.Add(new Request(0, 0, context, false, [name], null, null));
        return this;
    }

    // Null indexes: a request dropped unsent, written only to keep its place.
    private void Write(Request request, int[]? indexes)
    {
        if (request.Write is null) return;
        if (request.WithPrevious) _batch.KeepWithPrevious();
        _batch.Begin(request.Type, request.Flags, request.Context);
        request.Write(indexes ?? new int[request.Names.Length]);
        _batch.End();
        if (indexes is not null) request.Written?.Invoke(indexes);
    }

    /// <summary>A request waiting for the commit; a check has nothing to write.</summary>
    private sealed record Request(
        ushort Type, ushort Flags, string Context, bool WithPrevious, string?[] Names, Action<int[]>? Write, Action<int[]>? Written);
}
