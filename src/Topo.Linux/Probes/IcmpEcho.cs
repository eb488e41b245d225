using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Topo.Linux.Namespaces;

namespace Topo.Linux.Probes;

/// <summary>
/// One ICMP echo request from inside a namespace, over a raw ICMP socket made on that
/// namespace's thread (so it sends and hears there; no <c>ping</c> binary). A raw socket hears
/// every ICMP packet of the namespace, so replies are matched by a per-probe identifier and by
/// source; ICMP errors that quote our request count as "unreachable".
/// </summary>
public static class IcmpEcho
{
    private const int HeaderLength = 8;
    private const string HostUnreachable = "host unreachable";

    public static async Task<ProbeResult> Probe(NamespaceThread from, IPAddress target, TimeSpan timeout)
    {
        var v6 = target.AddressFamily == AddressFamily.InterNetworkV6;
        // Two probes with the same identifier are told apart by their targets; with the same target too,
        // the one reply proves both, so a random identifier needs no bookkeeping between probes.
        var id = (ushort)Random.Shared.Next(1, ushort.MaxValue);
        const ushort sequence = 1;
        var clock = Stopwatch.StartNew();
        using var socket = from.Invoke(() => new Socket(target.AddressFamily, SocketType.Raw, v6 ? ProtocolType.IcmpV6 : ProtocolType.Icmp));
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await socket.SendToAsync(Request(v6, id, sequence), SocketFlags.None, new IPEndPoint(target, 0), cancel.Token);
            var buffer = new byte[1500];
            EndPoint any = new IPEndPoint(v6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
            while (true)
            {
                var got = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, cancel.Token);
                var source = ((IPEndPoint)got.RemoteEndPoint).Address;
                // IPv4 raw sockets deliver the IP header too; IPv6 ones start at the ICMPv6 header.
                var icmp = v6 ? buffer.AsSpan(0, got.ReceivedBytes) : SkipIpHeader(buffer.AsSpan(0, got.ReceivedBytes));
                if (Classify(icmp, v6, id, sequence, source, target) is { } seen)
                    return new ProbeResult(seen.Seen, seen.Detail, clock.Elapsed, seen.Detail.StartsWith(HostUnreachable, StringComparison.Ordinal));
            }
        }
        catch (OperationCanceledException)
        {
            return new ProbeResult(Seen.NoAnswer, "no answer", clock.Elapsed);
        }
        catch (SocketException e)
        {
            return new ProbeResult(Seen.Unreachable, Describe(e), clock.Elapsed, e.SocketErrorCode == SocketError.HostUnreachable);
        }
    }

    internal static string Describe(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.NetworkUnreachable => "no route",
        SocketError.HostUnreachable => HostUnreachable,
        _ => e.Message,
    };

    private static (Seen Seen, string Detail)? Classify(ReadOnlySpan<byte> icmp, bool v6, ushort id, ushort sequence, IPAddress source, IPAddress target)
    {
        if (icmp.Length < HeaderLength) return null;
        int type = icmp[0], code = icmp[1];
        var echoReply = v6 ? 129 : 0;
        if (type == echoReply)
            return Ours(icmp, id, sequence) && source.Equals(target) ? (Seen.Answer, $"reply from {source}") : null;

        var isError = v6 ? type is 1 or 3 : type is 3 or 11;
        if (!isError) return null;
        // An error quotes the offending packet: its IP header, then at least our echo header.
        var quoted = icmp[HeaderLength..];
        quoted = v6 ? (quoted.Length >= 40 ? quoted[40..] : []) : SkipIpHeader(quoted);
        if (quoted.Length < HeaderLength || !Ours(quoted, id, sequence)) return null;
        return (Seen.Unreachable, $"{ErrorName(v6, type, code)} from {source}");
    }

    private static bool Ours(ReadOnlySpan<byte> echo, ushort id, ushort sequence) =>
        BinaryPrimitives.ReadUInt16BigEndian(echo[4..]) == id && BinaryPrimitives.ReadUInt16BigEndian(echo[6..]) == sequence;

    private static ReadOnlySpan<byte> SkipIpHeader(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < 20) return [];
        var length = (packet[0] & 0x0f) * 4;
        return packet.Length >= length ? packet[length..] : [];
    }

    private static string ErrorName(bool v6, int type, int code) => (v6, type, code) switch
    {
        (false, 3, 0) or (true, 1, 0) => "net unreachable",
        (false, 3, 1) or (true, 1, 3) => HostUnreachable,
        (false, 3, 13) or (true, 1, 1) => "administratively prohibited",
        (false, 11, _) or (true, 3, _) => "time exceeded",
        _ => $"unreachable (type {type} code {code})",
    };

    internal static byte[] Request(bool v6, ushort id, ushort sequence)
    {
        var packet = new byte[HeaderLength + 16];
        packet[0] = (byte)(v6 ? 128 : 8);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), id);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), sequence);
        "topo check probe"u8.CopyTo(packet.AsSpan(HeaderLength));
        // The kernel fills in the ICMPv6 checksum itself (it covers a pseudo-header we do not see).
        if (!v6) BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), Checksum(packet));
        return packet;
    }

    private static ushort Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i + 1 < data.Length; i += 2) sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        if (data.Length % 2 == 1) sum += (uint)data[^1] << 8;
        while (sum > 0xffff) sum = (sum & 0xffff) + (sum >> 16);
        return (ushort)~sum;
    }
}
