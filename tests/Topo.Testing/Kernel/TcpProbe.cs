using System.Net;
using System.Net.Sockets;
using System.Text;
using Topo.Linux.Namespaces;

namespace Topo.Testing.Kernel;

/// <summary>
/// TCP as the witness of reachability. A socket belongs to the namespace it was made in, so each
/// is made on that namespace's thread and then used from anywhere.
/// </summary>
public static class TcpProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Connects from <paramref name="from"/> and returns the server's greeting (<c>NAME saw ADDRESS</c>),
    /// or null when no connection was made within the timeout.
    /// </summary>
    public static async Task<string?> Greeting(NamespaceThread from, string address, int port, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Timeout);
        using var socket = from.Invoke(() => new Socket(IPAddress.Parse(address).AddressFamily, SocketType.Stream, ProtocolType.Tcp));
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(address), port), cts.Token);
            var text = new StringBuilder();
            var buffer = new byte[256];
            int n;
            while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token)) > 0) text.Append(Encoding.ASCII.GetString(buffer, 0, n));
            return text.ToString();
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return null;
        }
    }
}

/// <summary>A listener in a namespace that greets every connection with its name and the peer address it saw.</summary>
public sealed class Greeter : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public Greeter(NamespaceThread ns, string name, int port)
    {
        _listener = ns.Invoke(() =>
        {
            // Both families on one socket; an IPv4 peer is still named in dotted form.
            var listener = new TcpListener(IPAddress.IPv6Any, port);
            listener.Server.DualMode = true;
            listener.Start();
            return listener;
        });
        _serving = Serve(name);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _serving;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // stopping is how the loop ends
        }

        _stop.Dispose();
    }

    private async Task Serve(string name)
    {
        while (!_stop.IsCancellationRequested)
        {
            using var peer = await _listener.AcceptSocketAsync(_stop.Token);
            var address = ((IPEndPoint)peer.RemoteEndPoint!).Address;
            var seen = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            await peer.SendAsync(Encoding.ASCII.GetBytes($"{name} saw {seen}"), SocketFlags.None, _stop.Token);
            peer.Shutdown(SocketShutdown.Both);
        }
    }
}
