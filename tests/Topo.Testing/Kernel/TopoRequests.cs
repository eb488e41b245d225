using Topo.Linux;
using Topo.Linux.Namespaces;
using Topo.Linux.Netlink;
using Topo.Linux.Rtnl;

namespace Topo.Testing.Kernel;

/// <summary>What topo sent for some changes, and the kernel's refusal if it refused them.</summary>
public sealed record TopoCapture(IReadOnlyList<byte[]> Messages, KernelException? Refusal);

/// <summary>Topo's own requests for a witness test: made through a real socket in the namespace, and recorded on the way.</summary>
public static class TopoRequests
{
    /// <summary>
    /// Commits <paramref name="build"/> in the namespace of <paramref name="thread"/>. A refusal is kept, not thrown: the
    /// wire test compares requests, and on a kernel without the kind both topo's and ip's are refused.
    /// </summary>
    public static TopoCapture Capture(NamespaceThread thread, Action<RtnlBatch> build)
    {
        var tap = new TappedTransport(thread.Invoke(() => NetlinkSocket.Open()));
        using var client = new RtnlClient(tap, thread.Name);
        try
        {
            client.Apply(build);
            return new TopoCapture(tap.Messages, null);
        }
        catch (KernelException e)
        {
            return new TopoCapture(tap.Messages, e);
        }
    }
}
