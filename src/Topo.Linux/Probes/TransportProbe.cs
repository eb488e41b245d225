using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Topo.Linux.Namespaces;

namespace Topo.Linux.Probes;

/// <summary>
/// TCP and UDP probes from inside a namespace (each socket is made on its thread). TCP: a
/// handshake is an answer, a RST "refused". UDP, on a connected socket so the kernel reports
/// ICMP errors for it: a datagram back is an answer, an ICMP port unreachable "refused", silence
/// "no answer" (UDP cannot tell a drop from a quiet service). Other ICMP errors are "unreachable".
/// </summary>
public static class TransportProbe
{
    public static Task<ProbeResult> Tcp(NamespaceThread from, IPAddress target, int port, TimeSpan timeout) =>
        Run(from, target, SocketType.Stream, ProtocolType.Tcp, timeout, "refused (RST)", async (socket, cancel) =>
        {
            await socket.ConnectAsync(new IPEndPoint(target, port), cancel);
            return $"connected to {new IPEndPoint(target, port)}";
        });

    public static Task<ProbeResult> Udp(NamespaceThread from, IPAddress target, int port, TimeSpan timeout) =>
        Run(from, target, SocketType.Dgram, ProtocolType.Udp, timeout, "port unreachable (ICMP)", async (socket, cancel) =>
        {
            await socket.ConnectAsync(new IPEndPoint(target, port), cancel);
            await socket.SendAsync("topo check probe"u8.ToArray(), SocketFlags.None, cancel);
            var n = await socket.ReceiveAsync(new byte[1500], SocketFlags.None, cancel);
            return $"reply from {new IPEndPoint(target, port)} ({n} bytes)";
        });

    private static async Task<ProbeResult> Run(
        NamespaceThread from, IPAddress target, SocketType type, ProtocolType protocol, TimeSpan timeout, string refused,
        Func<Socket, CancellationToken, Task<string>> exchange)
    {
        var clock = Stopwatch.StartNew();
        using var socket = from.Invoke(() => new Socket(target.AddressFamily, type, protocol));
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            var answer = await exchange(socket, cancel.Token);
            return new ProbeResult(Seen.Answer, answer, clock.Elapsed);
        }
        catch (OperationCanceledException)
        {
            return new ProbeResult(Seen.NoAnswer, "no answer", clock.Elapsed);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return new ProbeResult(Seen.Refused, refused, clock.Elapsed);
        }
        catch (SocketException e)
        {
            return new ProbeResult(Seen.Unreachable, IcmpEcho.Describe(e), clock.Elapsed, e.SocketErrorCode == SocketError.HostUnreachable);
        }
    }
}
