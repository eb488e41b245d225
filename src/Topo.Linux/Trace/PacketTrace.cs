using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Topo.Core.State;
using Topo.Core.Trace;
using Topo.Linux.Namespaces;
using Topo.Linux.Probes;

namespace Topo.Linux.Trace;

/// <summary>
/// <c>topo trace</c> against the kernel: a trace table and a listening socket in every namespace of the
/// lab, one real probe from FROM (an ICMP echo, a TCP SYN or a UDP datagram, told apart from all other
/// traffic by its ICMP id or source port), then the events each namespace heard, the links, the route
/// lookups and the neighbour entries, read once the probe is over, and put in order by <see cref="TracePath"/>.
/// </summary>
public static class PacketTrace
{
    public static async Task<TraceReport> Run(TraceTarget target, KernelOptions options, TimeSpan wait, ILogger log)
    {
        var probe = target.Probe;
        var namespaces = target.Lab.Desired.Resources.Select(r => r.Key.Namespace).Append(Netns.Host).Distinct()
            .OrderBy(n => n == probe.FromNamespace ? 0 : 1).ToList();
        var directory = new NetnsDirectory(options.NetnsDirectory);
        var tag = Random.Shared.Next(20000, 60000);
        var address = IPAddress.Parse(probe.Address);
        var v6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        var match = probe.Protocol switch
        {
            "tcp" => $"tcp sport {tag}",
            "udp" => $"udp sport {tag}",
            _ => v6 ? $"icmpv6 type echo-request icmpv6 id {tag}" : $"icmp type echo-request icmp id {tag}",
        };
        var table = TracePath.TablePrefix + Environment.ProcessId;

        var threads = new List<NamespaceThread>();
        var open = new Dictionary<Netns, TraceNamespace>();
        try
        {
            foreach (var ns in namespaces)
            {
                var thread = CheckRun.Enter(ns, directory, options);
                if (thread is null)
                {
                    if (ns == probe.FromNamespace) throw new KernelException($"tracing from '{ns.Display}'", 0, "its namespace is not there (is the lab applied?)");
                    continue;
                }

                threads.Add(thread);
                open[ns] = TraceNamespace.Open(ns, thread, match, table);
            }

            Execute.FaultInjection.InTrace();
            var clock = Stopwatch.StartNew();
            var seen = await Send(open[probe.FromNamespace].Thread, probe.Protocol, address, probe.Port, tag, wait);
            log.LogDebug("trace probe {Protocol} {Tag} to {Address}: {Seen} in {Ms:0.0} ms", probe.Protocol, tag, address, seen, clock.Elapsed.TotalMilliseconds);

            var events = open.ToDictionary(o => o.Key, o => (IReadOnlyList<TraceEvent>)FirstPacket(o.Value.Drain()));
            foreach (var (ns, list) in events.Where(e => e.Value.Count > 0))
                log.LogDebug("trace: {Count} events in {Namespace}", list.Count, ns.Display);

            var kernel = new TraceKernel(open);
            var path = new TracePath(kernel, new RuleOrigins(target.File, target.Lab.Desired), [.. open.Keys]);
            var toText = probe.Port is { } port ? $"{probe.ToText} ({Endpoint(address, port)})" : probe.ToText == probe.Address ? probe.Address : $"{probe.ToText} ({probe.Address})";
            return path.Build(probe.FromNamespace, address, probe.Protocol, toText, events);
        }
        finally
        {
            foreach (var o in open.Values) o.Dispose();
            foreach (var t in threads) t.Dispose();
        }
    }

    private static string Endpoint(IPAddress a, int port) => a.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{a}]:{port}" : $"{a}:{port}";

    // A TCP probe that gets no answer sends its SYN again: only the first packet's pass through the namespace tells
    // the path. A pass ends where the packet is delivered, leaves, or is dropped. (The trace id cannot tell packets
    // apart: the kernel derives it from the packet's hash too, which routing may set between two hooks.)
    private static List<TraceEvent> FirstPacket(List<TraceEvent> events)
    {
        var end = events.FindIndex(e => e.Verdict == "drop" || (e.Table.StartsWith(TracePath.TablePrefix, StringComparison.Ordinal) && e.Chain is "input" or "postrouting"));
        return end < 0 ? events : events[..(end + 1)];
    }

    /// <summary>The probe itself; what came back only says when to stop waiting, the events say the rest.</summary>
    private static async Task<string> Send(NamespaceThread from, string protocol, IPAddress target, int? port, int tag, TimeSpan wait)
    {
        var v6 = target.AddressFamily == AddressFamily.InterNetworkV6;
        using var cancel = new CancellationTokenSource(wait);
        var (type, proto) = protocol switch
        {
            "tcp" => (SocketType.Stream, ProtocolType.Tcp),
            "udp" => (SocketType.Dgram, ProtocolType.Udp),
            _ => (SocketType.Raw, v6 ? ProtocolType.IcmpV6 : ProtocolType.Icmp),
        };
        using var socket = from.Invoke(() => new Socket(target.AddressFamily, type, proto));
        try
        {
            switch (protocol)
            {
                case "tcp":
                    socket.Bind(new IPEndPoint(v6 ? IPAddress.IPv6Any : IPAddress.Any, tag));
                    await socket.ConnectAsync(new IPEndPoint(target, port!.Value), cancel.Token);
                    return "connected";
                case "udp":
                    socket.Bind(new IPEndPoint(v6 ? IPAddress.IPv6Any : IPAddress.Any, tag));
                    await socket.ConnectAsync(new IPEndPoint(target, port!.Value), cancel.Token);
                    await socket.SendAsync("topo trace probe"u8.ToArray(), SocketFlags.None, cancel.Token);
                    await socket.ReceiveAsync(new byte[1500], SocketFlags.None, cancel.Token);
                    return "answered";
                default:
                    await socket.SendToAsync(IcmpEcho.Request(v6, (ushort)tag, 1), SocketFlags.None, new IPEndPoint(target, 0), cancel.Token);
                    var buffer = new byte[1500];
                    while (true)
                    {
                        var got = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(v6 ? IPAddress.IPv6Any : IPAddress.Any, 0), cancel.Token);
                        var icmp = v6 ? buffer.AsSpan(0, got.ReceivedBytes) : buffer.AsSpan((buffer[0] & 0x0f) * 4, got.ReceivedBytes - (buffer[0] & 0x0f) * 4);
                        if (icmp.Length >= 8 && icmp[0] == (v6 ? 129 : 0) && (icmp[4] << 8 | icmp[5]) == (ushort)tag) return "answered";
                    }
            }
        }
        catch (OperationCanceledException)
        {
            return "no answer";
        }
        catch (SocketException e)
        {
            return e.Message;
        }
    }

    /// <summary>The questions <see cref="TracePath"/> asks, answered through each namespace's own sockets.</summary>
    private sealed class TraceKernel(IReadOnlyDictionary<Netns, TraceNamespace> open) : ITraceKernel
    {
        private readonly Dictionary<(Netns, string, string), IReadOnlyDictionary<long, string>> _rules = [];

        public IReadOnlyList<TraceLink> Links(Netns ns) =>
            open.TryGetValue(ns, out var o) ? [.. o.Rtnl.Links().Select(l => new TraceLink(l.Index, l.Name, l.Kind, l.MasterIndex, l.PeerIndex))] : [];

        public RouteAnswer Route(Netns ns, IPAddress destination, IPAddress? source, int? inIndex) =>
            open.TryGetValue(ns, out var o) ? KernelQueries.Route(o.Rtnl, destination, source, inIndex) : new RouteAnswer("none", null, null, "namespace not open");

        public string? Neighbour(Netns ns, int index, IPAddress address) =>
            open.TryGetValue(ns, out var o) ? KernelQueries.Neighbour(o.Rtnl, index, address) : null;

        public string? RuleText(Netns ns, string family, string table, long handle)
        {
            if (!open.TryGetValue(ns, out var o)) return null;
            if (!_rules.TryGetValue((ns, family, table), out var rules))
            {
                try
                {
                    rules = o.Rules(family, table);
                }
                catch (KernelException)
                {
                    rules = new Dictionary<long, string>();
                }

                _rules[(ns, family, table)] = rules;
            }

            return rules.TryGetValue(handle, out var text) ? text : null;
        }
    }
}
