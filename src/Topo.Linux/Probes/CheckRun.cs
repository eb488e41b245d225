using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Core.Validation;
using Topo.Linux.Namespaces;

namespace Topo.Linux.Probes;

/// <summary>
/// Runs a lab's checks against the kernel, all at once: each probe from a thread inside its
/// <c>from</c> namespace, so the whole run takes about the slowest timeout, not the sum. Before
/// the probes, a TCP or UDP target port that nothing listens on gets a <see cref="TemporaryListener"/>
/// in the namespace where the file says the traffic lands, unless the check says <c>standin: false</c> or
/// <c>expect: refused</c>.
/// </summary>
public static class CheckRun
{
    public static async Task<IReadOnlyList<CheckResult>> Run(IReadOnlyList<ResolvedCheck> checks, LabState desired, KernelOptions options, ILogger log)
    {
        var directory = new NetnsDirectory(options.NetnsDirectory);
        var threads = new Dictionary<Netns, NamespaceThread?>();
        var listeners = new Dictionary<Landing, TemporaryListener?>();
        try
        {
            NamespaceThread? In(Netns ns)
            {
                if (threads.TryGetValue(ns, out var open)) return open;
                return threads[ns] = Enter(ns, directory, options);
            }

            // A check that wants a closed port, or a real service (standin: false), must meet the namespace as it is.
            var landings = checks.Select(c => c.Protocol == "icmp" || !c.StandIn || c.ExpectRefused ? null : CheckLanding.Of(c, desired)).ToList();
            foreach (var landing in landings.OfType<Landing>().Distinct())
            {
                listeners[landing] = In(landing.Ns) is { } ns ? TemporaryListener.Start(ns, landing.Family, landing.Protocol, landing.Port) : null;
                log.LogDebug(listeners[landing] is null ? "{Where}: in use or not there, so no stand-in listener" : "{Where}: stand-in listener started",
                    $"{landing.Ns.Display}:{landing.Port}/{landing.Protocol}");
            }

            var probes = checks.Select((check, i) => Probe(check, In(check.FromNamespace), landings[i] is { } l && listeners[l] is not null ? l : null, options.HostsDirectory));
            var results = await Task.WhenAll(probes);
            for (var i = 0; i < results.Length; i++)
            {
                var (check, probe) = (results[i].Check, results[i].Probe);
                log.LogDebug("check {Number}/{Count} {Protocol} from {From} to {Address}{Port}: {Seen} in {Ms:0.0} ms",
                    i + 1, results.Length, check.Protocol, check.FromNamespace.Display, check.Address, check.Port is { } p ? $":{p}" : "", probe.Detail, probe.Elapsed.TotalMilliseconds);
            }

            return results;
        }
        finally
        {
            foreach (var listener in listeners.Values.OfType<TemporaryListener>()) await listener.DisposeAsync();
            foreach (var thread in threads.Values.OfType<NamespaceThread>()) thread.Dispose();
        }
    }

    private static async Task<CheckResult> Probe(ResolvedCheck check, NamespaceThread? from, Landing? standIn, string hostsDirectory)
    {
        var where = standIn is null ? null : $"{standIn.Ns.Display}:{standIn.Port}/{standIn.Protocol}";
        if (from is null)
            return new CheckResult(check, new ProbeResult(Seen.Error, $"namespace '{check.FromNamespace.Display}' not found (is the lab applied?)", TimeSpan.Zero), where);
        var address = IPAddress.Parse(check.Address);
        if (check.ByName is { } name)
        {
            // The name as a program in the node resolves it; the address found is the one tried, and shown.
            var hosts = HostsLookup.FileOf(hostsDirectory, check.FromNamespace);
            if (HostsLookup.Resolve(hosts, name, address.AddressFamily) is not { } resolved)
                return new CheckResult(check, new ProbeResult(Seen.Error, $"'{name}' does not resolve in {check.FromNamespace.Display} ({hosts} names it nowhere; is the lab applied?)", TimeSpan.Zero), where);
            address = resolved;
            check = check with { Address = resolved.ToString() };
        }

        try
        {
            var result = check.Protocol switch
            {
                "tcp" => await TransportProbe.Tcp(from, address, check.Port!.Value, check.Timeout),
                "udp" => await TransportProbe.Udp(from, address, check.Port!.Value, check.Timeout),
                _ => await IcmpEcho.Probe(from, address, check.Timeout),
            };
            return new CheckResult(check, result, where);
        }
        catch (SocketException e)
        {
            // The socket itself was refused (IPv6 off in the namespace, say): one failed row, not a failed run.
            return new CheckResult(check, new ProbeResult(Seen.Error, $"no {check.Protocol} socket in {check.FromNamespace.Display}: {e.Message}", TimeSpan.Zero), where);
        }
    }

    /// <summary>A thread in the namespace, or null when it does not exist (the lab is not applied, or only in part).</summary>
    internal static NamespaceThread? Enter(Netns ns, NetnsDirectory directory, KernelOptions options)
    {
        if (ns.IsHost) return NamespaceThread.Enter(options.HostNamespacePath, "host");
        if (!directory.Exists(ns)) return null;
        try
        {
            return directory.Open(ns);
        }
        catch (KernelException)
        {
            return null;
        }
    }
}
