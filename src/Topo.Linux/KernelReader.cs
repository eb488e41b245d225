using Topo.Core.State;
using Topo.Linux.Namespaces;
using Topo.Linux.Netlink;
using Topo.Linux.Reader;
using Topo.Linux.Rtnl;

namespace Topo.Linux;

/// <summary>
/// Reads the actual state of a lab from the kernel: the host namespace, every named namespace
/// whose loopback carries the lab's mark, and every one named like a node of the lab. Each
/// namespace is read with one dump of links, addresses and routes, the dumps of all namespaces
/// in flight together.
/// </summary>
/// <param name="host">A thread in the namespace that stands for the host (the root namespace in the CLI).</param>
/// <param name="directory">Where the named namespaces are (<c>/run/netns</c>).</param>
public sealed class KernelReader(NamespaceThread host, NetnsDirectory directory)
{
    public LabState Read(string lab, IEnumerable<string> nodeNames)
    {
        var wanted = nodeNames.ToHashSet(StringComparer.Ordinal);
        var open = new List<OpenNamespace>();
        try
        {
            open.Add(OpenNamespace.Host(host));
            using (var visitor = new NamespaceVisitor()) open.AddRange(OpenNamespace.OpenAll(directory, directory.List(), visitor));

            var links = Collect(open, c => c.StartLinks(), LinkInfo.Parse);
            // The lab's namespaces are known only by their loopback's mark, so every namespace's links are read first.
            var read = open
                .Where(o => o.Key.Length == 0 || wanted.Contains(o.Key) || Ownership.LabOf(links[o.Key].FirstOrDefault(l => l.Name == "lo")?.Alias) == lab)
                .ToList();
            var addresses = Collect(read, c => c.StartAddresses(), AddressInfo.Parse);
            var routes = Collect(read, c => c.StartRoutes(), RouteInfo.Parse);

            var snapshots = read.ToDictionary(o => o.Key, o => new NamespaceSnapshot(o.Key, links[o.Key], addresses[o.Key], routes[o.Key]));
            var peers = VethPeers.Resolve(read, snapshots);
            return StateBuilder.Build(lab, snapshots, peers);
        }
        finally
        {
            foreach (var o in open) o.Dispose();
        }
    }

    /// <summary>
    /// Waits until the host namespace no longer holds <paramref name="interfaces"/>: the veth ends
    /// of a deleted namespace linger a moment while the kernel frees it. Wakes on each link
    /// notification and looks again, at the latest every 50 ms; fails after <paramref name="timeout"/>.
    /// </summary>
    public void WaitUntilGone(IReadOnlyCollection<string> interfaces, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        // Two sockets: the subscribed one only wakes the loop. Hundreds of departures at once overflow
        // its queue (ENOBUFS), which would break a dump read on the same socket.
        var wake = host.Invoke(() => NetlinkSocket.Open(RtnlTypes.LinkGroupMask));
        using var wakeClient = new RtnlClient(wake, "host");
        using var client = RtnlClient.Open(host, "host");
        var buffer = new byte[NetlinkChannel.ReceiveBufferSize];
        while (true)
        {
            var left = client.Links().Select(l => l.Name).Intersect(interfaces, StringComparer.Ordinal).ToList();
            if (left.Count == 0) return;
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
                throw new KernelException($"waiting for {string.Join(", ", left.Select(l => $"'{l}'"))} to leave namespace 'host'", TimedOut, $"still there after {timeout.TotalSeconds:0.##} s");
            wake.SetTimeout(remaining < Slice ? remaining : Slice);
            try
            {
                wake.Receive(buffer);
            }
            catch (KernelException e) when (e.Errno == Tmds.Linux.LibC.EAGAIN || e.Errno == Tmds.Linux.LibC.ENOBUFS)
            {
                // No notification within the slice, or more than the queue held: either way, look again.
            }
        }
    }

    private const int TimedOut = 110;
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(50);

    private static Dictionary<string, List<T>> Collect<T>(IReadOnlyList<OpenNamespace> namespaces, Func<RtnlClient, PendingDump> start, MessageParser<T> parse)
    {
        var pending = namespaces.Select(o => (o.Key, Dump: start(o.Client))).ToList();
        return pending.ToDictionary(p => p.Key, p => p.Dump.Collect(parse));
    }
}
