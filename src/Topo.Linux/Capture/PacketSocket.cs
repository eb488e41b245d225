using System.Runtime.InteropServices;
using Tmds.Linux;
using Topo.Core.Capture;
using Topo.Linux.Namespaces;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Capture;

/// <summary>
/// An AF_PACKET socket bound to one interface, made on a thread inside the interface's namespace (a packet socket,
/// like a netlink one, stays in the namespace it was made in), receiving every frame the interface sends and
/// receives, link header included. Each frame carries the kernel's own timestamp: SO_TIMESTAMPNS, read from the
/// control message recvmsg returns with it. Not a PACKET_RX_RING (tpacket) ring: one recvmsg per frame is plenty
/// for a teaching lab's rates and needs no mapped memory or ring bookkeeping; and not PACKET_AUXDATA, which
/// carries no time. Reads wait in poll() with an eventfd beside the socket, which <see cref="Stop"/> signals.
/// </summary>
public sealed unsafe class PacketSocket : IDisposable
{
    /// <summary>As tcpdump's default: a frame is kept whole up to this many bytes (a GSO veth frame can be 64 KiB and more).</summary>
    public const int SnapLength = 262144;

    private const ushort EthPAll = 0x0003;
    private readonly int _socket;
    private readonly int _wake;
    private readonly byte[] _buffer = new byte[SnapLength];
    private volatile bool _stopping;

    private PacketSocket(int socket, int wake, int index)
    {
        _socket = socket;
        _wake = wake;
        Index = index;
    }

    /// <summary>The interface's index in its namespace.</summary>
    public int Index { get; }

    /// <summary>Opens the socket on <paramref name="thread"/>; null when the namespace has no interface <paramref name="name"/>.</summary>
    public static PacketSocket? Open(NamespaceThread thread, string name) => thread.Invoke(() =>
    {
        int? index;
        using (var client = RtnlClient.Open(thread, thread.Name)) index = client.IndexOf(name);
        if (index is not { } ifindex) return null;
        // Protocol 0 at socket(): no frame of any interface is queued before bind narrows it to this one.
        var fd = LibC.socket(LibC.AF_PACKET, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0) throw Errors.Last($"opening a packet socket in {thread.Name}");
        try
        {
            var on = 1;
            if (LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_TIMESTAMPNS, &on, sizeof(int)) != 0)
                throw Errors.Last($"asking for kernel timestamps on {thread.Name}:{name}");
            var address = new sockaddr_ll { sll_family = (ushort)LibC.AF_PACKET, sll_protocol = LibC.htons(EthPAll), sll_ifindex = ifindex };
            if (LibC.bind(fd, (sockaddr*)&address, (uint)sizeof(sockaddr_ll)) != 0)
                throw Errors.Last($"binding a packet socket to {thread.Name}:{name}");
            var wake = LibC.eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK);
            if (wake < 0) throw Errors.Last("making an eventfd");
            return new PacketSocket(fd, wake, ifindex);
        }
        catch
        {
            LibC.close(fd);
            throw;
        }
    });

    /// <summary>
    /// The next frame, waiting for it; after <see cref="Stop"/>, only the frames the kernel has already queued
    /// (so Ctrl-C loses none of what was seen), then null.
    /// </summary>
    public CapturedFrame? Receive()
    {
        var fds = stackalloc pollfd[2];
        while (true)
        {
            if (TryReceive() is { } frame) return frame;
            if (_stopping) return null;
            fds[0] = new pollfd { fd = _socket, events = LibC.POLLIN };
            fds[1] = new pollfd { fd = _wake, events = LibC.POLLIN };
            // A signal (Ctrl-C) interrupts the wait: the loop looks at the eventfd and the queue again. The errno seen
            // then is EINTR, or EAGAIN (tried: the runtime's own handling of the signal leaves it so); both are worth another look.
            if (LibC.poll(fds, 2, -1) < 0 && LastErrno() is var errno && errno != Errors.EINTR && errno != LibC.EAGAIN)
                throw new KernelException("waiting for packets", errno);
            if ((fds[1].revents & LibC.POLLIN) != 0) _stopping = true;
        }
    }

    /// <summary>Ends the wait of <see cref="Receive"/>, from any thread (a signal handler's, a timer's).</summary>
    public void Stop()
    {
        _stopping = true;
        ulong one = 1;
        LibC.write(_wake, &one, sizeof(ulong));
    }

    public void Dispose()
    {
        LibC.close(_socket);
        LibC.close(_wake);
    }

    private CapturedFrame? TryReceive()
    {
        var control = stackalloc byte[128];
        sockaddr_ll from;
        fixed (byte* data = _buffer)
        {
            var vector = new iovec { iov_base = data, iov_len = (size_t)_buffer.Length };
            var message = new msghdr
            {
                msg_name = &from,
                msg_namelen = (uint)sizeof(sockaddr_ll),
                msg_iov = &vector,
                msg_iovlen = 1,
                msg_control = control,
                msg_controllen = 128,
            };
            // MSG_TRUNC: the frame's real length comes back even when it was longer than the buffer.
            var length = (long)LibC.recvmsg(_socket, &message, LibC.MSG_DONTWAIT | LibC.MSG_TRUNC);
            if (length < 0)
            {
                var errno = LastErrno();
                if (errno == LibC.EAGAIN || errno == Errors.EINTR) return null;
                throw new KernelException("reading a packet", errno);
            }

            var kept = (int)Math.Min(length, _buffer.Length);
            return new CapturedFrame(Timestamp(&message), from.sll_pkttype == LibC.PACKET_OUTGOING, _buffer.AsSpan(0, kept).ToArray(), (int)length);
        }
    }

    private static int LastErrno() => Marshal.GetLastPInvokeError() is var e && e != 0 ? e : LibC.errno;

    // The kernel stamps every frame once timestamps are on; a frame without (none seen) gets the time it was read.
    private static long Timestamp(msghdr* message)
    {
        for (var header = LibC.CMSG_FIRSTHDR(message); header != null; header = LibC.CMSG_NXTHDR(message, header))
        {
            if (header->cmsg_level != LibC.SOL_SOCKET || header->cmsg_type != LibC.SCM_TIMESTAMPNS) continue;
            var time = (timespec*)LibC.CMSG_DATA(header);
            return (long)time->tv_sec * 1_000_000_000 + (long)time->tv_nsec;
        }

        return DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
    }
}
