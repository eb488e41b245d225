using System.Net;
using System.Net.Sockets;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Linux.Probes;

/// <summary>
/// A name looked up as a program in a node would look it up in its <c>/etc/hosts</c>: the file <c>topo exec</c>
/// (and <c>ip netns exec</c>) binds there, the node's <c>/etc/netns/NODE/hosts</c>, else the machine's own.
/// </summary>
internal static class HostsLookup
{
    public static string FileOf(string hostsDirectory, Netns ns)
    {
        var own = new HostsFileResource(ns, "").PathUnder(hostsDirectory);
        return File.Exists(own) ? own : "/etc/hosts";
    }

    /// <summary>The first address the file gives <paramref name="name"/>, of <paramref name="family"/> if it has one; null when it names it nowhere.</summary>
    public static IPAddress? Resolve(string path, string name, AddressFamily family)
    {
        var found = File.ReadLines(path)
            .Select(line => line.Split('#', 2)[0].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Where(words => words.Length > 1 && words.Skip(1).Contains(name, StringComparer.Ordinal) && IPAddress.TryParse(words[0], out _))
            .Select(words => IPAddress.Parse(words[0]))
            .ToList();
        return found.FirstOrDefault(a => a.AddressFamily == family) ?? found.FirstOrDefault();
    }
}
