using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Namespaces;
using Topo.Linux.Netlink;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Read;

/// <summary>
/// Reads the actual state of a lab from the kernel: the host namespace, every named namespace
/// whose loopback carries the lab's mark, every one named like a node of the lab, and the existing
/// namespaces it attaches to (by path). Each
/// namespace is read with one dump of links, addresses and routes, the dumps of all namespaces
/// in flight together.
/// </summary>
/// <param name="host">A thread in the namespace that stands for the host (the root namespace in the CLI); <see cref="WaitUntilGone"/> also runs in an attached namespace's.</param>
/// <param name="directory">Where the named namespaces are (<c>/run/netns</c>).</param>
public sealed class KernelReader(NamespaceThread host, NetnsDirectory directory)
{
    /// <param name="labNamespaces">How much of the lab's own namespaces to read: <c>down</c> deletes them with all they hold, and needs only their links.</param>
    /// <param name="attached">Existing namespaces the lab attaches to, read whole by their paths.</param>
    internal LabState Read(string lab, IEnumerable<string> nodeNames, ReadDepth labNamespaces, IEnumerable<Netns>? attached)
    {
        var wanted = nodeNames.ToHashSet(StringComparer.Ordinal);
        var (snapshots, peers) = NamespaceSnapshots.Read(
            host,
            directory,
            (name, owner) => owner == lab ? labNamespaces : wanted.Contains(name) ? ReadDepth.Everything : ReadDepth.None,
            attached);
        var read = StateBuilder.Build(lab, snapshots.ToDictionary(s => s.Key), peers);
        return read with { Resources = [.. read.Resources.OrderBy(r => r.Key)] };
    }

    /// <summary>
    /// Waits until the namespace of the thread no longer holds <paramref name="interfaces"/>: the veth ends
    /// of a deleted namespace linger a moment while the kernel frees it. Looks once, then counts the
    /// departures the kernel announces; looks again only when a look-out of 50 ms passes in silence or
    /// the announcements overflowed. A dump on every announcement took the RTNL lock hundreds of
    /// times while the kernel needed it to free those very interfaces. Fails after <paramref name="timeout"/>.
    /// </summary>
    public void WaitUntilGone(IReadOnlyCollection<string> interfaces, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        // Two sockets: the subscribed one only hears departures. Hundreds of them at once overflow
        // its queue (ENOBUFS), which would break a dump read on the same socket. It subscribes before
        // the first look, so no departure falls between the two.
        var wake = host.Invoke(() => NetlinkSocket.Open(RtnlTypes.LinkGroupMask));
        using var wakeClient = new RtnlClient(wake, host.Name);
        using var client = RtnlClient.Open(host, host.Name);
        var buffer = new byte[NetlinkChannel.ReceiveBufferSize];
        var left = Present(client, interfaces);
        while (left.Count > 0)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
                throw new KernelException($"waiting for {string.Join(", ", left.Order(StringComparer.Ordinal).Select(l => $"'{l}'"))} to leave namespace '{host.Name}'", TimedOut, $"still there after {timeout.TotalSeconds:0.##} s");
            wake.SetTimeout(remaining < Slice ? remaining : Slice);
            try
            {
                var length = wake.Receive(buffer);
                foreach (var message in NetlinkMessage.Read(buffer.AsSpan(0, length)))
                {
                    if (message.Type == RtnlTypes.DelLink && NameIn(message) is { } gone) left.Remove(gone);
                }
            }
            catch (KernelException e) when (e.Errno == Tmds.Linux.LibC.EAGAIN || e.Errno == Tmds.Linux.LibC.ENOBUFS)
            {
                // Silence for a slice, or more departures than the queue held: look again.
                left = Present(client, left);
            }
        }
    }

    private static HashSet<string> Present(RtnlClient client, IReadOnlyCollection<string> interfaces) =>
        client.Links().Select(l => l.Name).Intersect(interfaces, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);

    private static string? NameIn(NetlinkMessage message)
    {
        if (message.Payload.Length < IfInfoMsg.Size) return null;
        foreach (var a in message.Attributes(IfInfoMsg.Size))
        {
            if (a.Type == Ifla.IfName) return a.String();
        }

        return null;
    }

    private const int TimedOut = 110;
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(50);
}
