using System.Net;
using System.Net.Sockets;
using Topo.Linux.Namespaces;

namespace Topo.Linux.Probes;

/// <summary>
/// A stand-in service for a TCP or UDP check whose target port has no listener: it accepts and
/// closes TCP connections, or echoes UDP datagrams, in the namespace where the lab says the
/// traffic lands, for as long as the checks run. It proves the network path, not a service.
/// </summary>
public sealed class TemporaryListener : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    private TemporaryListener(Socket socket, string protocol)
    {
        _socket = socket;
        _serving = protocol == "udp" ? Echo() : Accept();
    }

    /// <summary>
    /// Listens on every address of <paramref name="ns"/> at <paramref name="port"/>, or returns null
    /// when the port is taken (something already listens there, and the check uses it) or cannot be
    /// bound (then the check meets whatever the namespace does with the packet).
    /// </summary>
    public static TemporaryListener? Start(NamespaceThread ns, AddressFamily family, string protocol, int port)
    {
        Socket? socket = null;
        try
        {
            socket = ns.Invoke(() => protocol == "udp"
                ? new Socket(family, SocketType.Dgram, ProtocolType.Udp)
                : new Socket(family, SocketType.Stream, ProtocolType.Tcp));
            // IPv6 only: a dual-stack node port gets one listener per family, and Linux's [::] would otherwise take IPv4's port too.
            if (family == AddressFamily.InterNetworkV6) socket.DualMode = false;
            socket.Bind(new IPEndPoint(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, port));
            if (protocol != "udp") socket.Listen();
            return new TemporaryListener(socket, protocol);
        }
        catch (SocketException)
        {
            socket?.Dispose();
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        try
        {
            await _serving;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // closing the socket is how the loop ends
        }

        _stop.Dispose();
    }

    private async Task Accept()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var peer = await _socket.AcceptAsync(_stop.Token);
        }
    }

    private async Task Echo()
    {
        var buffer = new byte[1500];
        EndPoint any = new IPEndPoint(_socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            var got = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
            await _socket.SendToAsync(buffer.AsMemory(0, got.ReceivedBytes), SocketFlags.None, got.RemoteEndPoint, _stop.Token);
        }
    }
}
