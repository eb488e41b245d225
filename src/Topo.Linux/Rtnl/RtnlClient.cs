using Topo.Linux.Namespaces;
using Topo.Linux.Netlink;

namespace Topo.Linux.Rtnl;

/// <summary>
/// rtnetlink in one network namespace: a socket opened inside it (by the namespace's thread),
/// used from any thread, one caller at a time. Changes go through <see cref="Batch"/>; reads are dumps.
/// </summary>
public sealed class RtnlClient : IDisposable
{
    public RtnlClient(INetlinkTransport transport, string @namespace)
    {
        Channel = new NetlinkChannel(transport);
        Namespace = @namespace;
    }

    /// <summary>The namespace's display name, for error contexts.</summary>
    public string Namespace { get; }

    public NetlinkChannel Channel { get; }

    /// <summary>A client for the namespace <paramref name="thread"/> lives in, named <paramref name="name"/> (default: the thread's) in errors.</summary>
    public static RtnlClient Open(NamespaceThread thread, string? name = null) =>
        new(thread.Invoke(() => NetlinkSocket.Open()), name ?? thread.Name);

    public RtnlBatch Batch() => new(this);

    /// <summary>Queues changes with <paramref name="build"/> and commits them in one round trip.</summary>
    public void Apply(Action<RtnlBatch> build)
    {
        var batch = Batch();
        build(batch);
        batch.Commit();
    }

    public List<LinkInfo> Links() => StartLinks().Collect(LinkInfo.Parse);

    // Without the counters: topo reads none, and they are most of each link's message, gathered per CPU.
    public PendingDump StartLinks() => StartDump(RtnlTypes.GetLink, new IfInfoMsg(), "links", w => w.U32(Ifla.ExtMask, Ifla.FilterSkipStats));

    public PendingDump StartAddresses() => StartDump(RtnlTypes.GetAddr, new IfAddrMsg(), "addresses");

    public PendingDump StartRoutes() => StartDump(RtnlTypes.GetRoute, new RtMsg(), "routes");

    public PendingDump StartQdiscs() => StartDump(RtnlTypes.GetQdisc, new TcMsg(), "qdiscs");

    public List<QdiscInfo> Qdiscs() => StartQdiscs().Collect(QdiscInfo.Parse);

    public List<FdbEntry> Fdb(int? index = null) => StartFdb(index).Collect(FdbEntry.Parse);

    /// <summary>
    /// The forwarding-database entries of the interface of <paramref name="index"/>, or of every interface here when null.
    /// An index no interface has reads no entries, without an error.
    /// </summary>
    public PendingDump StartFdb(int? index = null) =>
        StartDump(RtnlTypes.GetNeigh, new NdMsg { Family = Nda.FamilyBridge, Index = index ?? 0 }, index is { } i ? $"FDB entries of interface {i}" : "FDB entries");

    /// <summary>The index of the interface named <paramref name="name"/>, or null when there is none; one round trip.</summary>
    public int? IndexOf(string name)
    {
        var batch = Channel.Batch();
        batch.Begin(RtnlTypes.GetLink, 0, $"looking up interface '{name}' in {Where}");
        batch.Writer.Struct(new IfInfoMsg());
        batch.Writer.String(Ifla.IfName, name);
        batch.End();
        try
        {
            return batch.Commit(LinkInfo.Parse)[0]?.Index;
        }
        catch (KernelException e) when (e.Errno == Errors.ENODEV)
        {
            return null;
        }
    }

    /// <summary>
    /// The ids this namespace gives the other namespaces (the ids that IFLA_LINK_NETNSID carries),
    /// in one round trip; <c>null</c> where none is assigned.
    /// </summary>
    public IReadOnlyList<int?> NamespaceIds(IReadOnlyList<NetnsHandle> others)
    {
        var batch = Channel.Batch();
        foreach (var other in others)
        {
            batch.Begin(RtnlTypes.GetNsId, 0, $"asking {Where} for the id of namespace '{other.Name}'");
            batch.Writer.Struct(new RtGenMsg());
            batch.Writer.U32(Netnsa.Fd, (uint)other.Fd);
            batch.End();
        }

        return batch.Commit(ParseNamespaceId);
    }

    public void Dispose() => Channel.Dispose();

    private string Where => $"namespace '{Namespace}'";

    private PendingDump StartDump<THeader>(ushort type, THeader header, string what, Action<NetlinkWriter>? attributes = null) where THeader : unmanaged
    {
        var writer = new NetlinkWriter(64);
        var start = writer.BeginMessage(type, NetlinkProtocol.Request | NetlinkProtocol.Dump, 0);
        writer.Struct(header);
        attributes?.Invoke(writer);
        writer.EndMessage(start);
        return Channel.StartDump(writer.Written, $"reading the {what} of {Where}");
    }

    private static int? ParseNamespaceId(NetlinkMessage message)
    {
        if (message.Type != RtnlTypes.NewNsId) return null;
        foreach (var a in message.Attributes(RtGenMsg.Size))
        {
            if (a.Type == Netnsa.NsId) return a.I32() is var id && id != Netnsa.NotAssigned ? id : null;
        }

        return null;
    }
}
