using System.Runtime.InteropServices;
using Tmds.Linux;
using Topo.Linux.Namespaces;

namespace Topo.Linux.Netlink;

/// <summary>
/// A netlink socket (NETLINK_ROUTE unless asked otherwise) bound to the namespace of the thread that opened it (and staying
/// there whichever thread uses it later). Extended acks and strict checking are on, error
/// replies echo only the request's header, and a receive gives up after a timeout rather
/// than hanging when a reply never comes.
/// </summary>
public sealed unsafe class NetlinkSocket : INetlinkTransport
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);
    private int _fd;

    private NetlinkSocket(int fd) => _fd = fd;

    /// <summary>Opens the socket in the calling thread's network namespace: call it on a <c>NamespaceThread</c>.</summary>
    public static NetlinkSocket Open(uint multicastGroups = 0, int protocol = NetlinkProtocol.Route)
    {
        var fd = LibC.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol);
        if (fd < 0) throw Errors.Last("opening a netlink socket");
        var socket = new NetlinkSocket(fd);
        try
        {
            var address = new SockaddrNl { Family = (ushort)LibC.AF_NETLINK, Groups = multicastGroups };
            if (LibC.bind(fd, (sockaddr*)&address, sizeof(SockaddrNl)) != 0) throw Errors.Last("binding a netlink socket");
            socket.SetOption(NetlinkProtocol.SolNetlink, NetlinkProtocol.ExtAck, 1, "asking for extended acks");
            socket.SetOption(NetlinkProtocol.SolNetlink, NetlinkProtocol.GetStrictCheck, 1, "asking for strict checking");
            socket.SetOption(NetlinkProtocol.SolNetlink, NetlinkProtocol.CapAck, 1, "capping acks");
            socket.SetTimeout(ReplyTimeout);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Send(ReadOnlySpan<byte> datagram)
    {
        fixed (byte* p = datagram)
        {
            var sent = LibC.send(_fd, p, (size_t)datagram.Length, 0);
            if (sent < 0) throw Errors.Last("sending a netlink request");
            if (sent != datagram.Length) throw new KernelException("sending a netlink request", 0, $"sent {sent} of {datagram.Length} bytes");
        }
    }

    public int Receive(Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var received = (long)LibC.recv(_fd, p, (size_t)buffer.Length, LibC.MSG_TRUNC);
                if (received < 0)
                {
                    var errno = Marshal.GetLastPInvokeError() is var e && e != 0 ? e : LibC.errno;
                    if (errno == Errors.EINTR) continue;
                    if (errno == LibC.EAGAIN) throw new KernelException("waiting for a netlink reply", errno, $"no reply within {ReplyTimeout.TotalSeconds:0} s");
                    throw new KernelException("receiving a netlink reply", errno);
                }

                if (received > buffer.Length) throw new KernelException("receiving a netlink reply", 0, $"a {received}-byte datagram did not fit in {buffer.Length} bytes");
                return (int)received;
            }
        }
    }

    /// <summary>Sets how long <see cref="Receive"/> waits before failing with EAGAIN.</summary>
    public void SetTimeout(TimeSpan timeout)
    {
        var micros = Math.Max(1, (long)(timeout.TotalMilliseconds * 1000));
        var value = new Timeval { Seconds = micros / 1_000_000, Microseconds = micros % 1_000_000 };
        if (LibC.setsockopt(_fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, &value, (socklen_t)sizeof(Timeval)) != 0)
            throw Errors.Last("setting a netlink receive timeout");
    }

    /// <summary>
    /// The cookie of the network namespace the socket lives in (SO_NETNS_COOKIE): unlike an inode
    /// number, never given to another namespace while the system runs.
    /// </summary>
    public ulong NamespaceCookie()
    {
        ulong cookie = 0;
        var length = (socklen_t)sizeof(ulong);
        if (LibC.getsockopt(_fd, LibC.SOL_SOCKET, SoNetnsCookie, &cookie, &length) != 0) throw Errors.Last("asking for the namespace's cookie");
        return cookie;
    }

    private const int SoNetnsCookie = 71;

    /// <summary>
    /// A new descriptor of the network namespace the socket lives in (SIOCGSKNS): a reader keeps one
    /// descriptor per namespace, the socket, and makes the namespace's own only for the moment a
    /// request names it. It is the same namespace even if its name was taken away and given to another.
    /// </summary>
    public NetnsHandle OpenNamespace(string name)
    {
        var fd = LibC.ioctl(_fd, SiocGSkNs, null);
        if (fd < 0) throw Errors.Last($"opening the namespace of a socket in '{name}'");
        return NetnsHandle.Adopt(fd, name);
    }

    private const int SiocGSkNs = 0x894C;

    public void Dispose()
    {
        if (_fd >= 0) LibC.close(_fd);
        _fd = -1;
    }

    private void SetOption(int level, int option, int value, string context)
    {
        if (LibC.setsockopt(_fd, level, option, &value, (socklen_t)sizeof(int)) != 0) throw Errors.Last(context);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct SockaddrNl
    {
        public ushort Family;
        public ushort Pad;
        public uint PortId;
        public uint Groups;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timeval
    {
        public long Seconds;
        public long Microseconds;
    }
}
