using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Explain;

/// <summary>
/// How a command reaches a namespace: <c>ip -n NS</c> for iproute2, <c>ip netns exec NS</c> for any other tool.
/// iproute2 finds those only by name under /run/netns, so an attached namespace is entered by its path with
/// <c>nsenter --net=PATH</c> (while <c>ip link ... netns PATH</c> does take a path).
/// </summary>
internal static class Where
{
    public static string Ip(Netns ns) =>
        ns.IsHost ? "ip" : ns.IsAttached ? $"{Enter(ns)}ip" : $"ip -n {ShellWords.Quote(ns.Id)}";

    public static string Exec(Netns ns) =>
        ns.IsHost ? "" : ns.IsAttached ? Enter(ns) : $"ip netns exec {ShellWords.Quote(ns.Id)} ";

    private static string Enter(Netns ns) => $"nsenter --net={ShellWords.Quote(ns.Id)} ";
}
