using Topo.Core.State;

namespace Topo.Core.Explain;

/// <summary>How a command reaches a namespace: <c>ip -n NS</c> for iproute2, <c>ip netns exec NS</c> for any other tool.</summary>
internal static class Where
{
    public static string Ip(string ns) => ns.Length == 0 ? "ip" : $"ip -n {ShellWords.Quote(ns)}";

    public static string Exec(string ns) => ns.Length == 0 ? "" : $"ip netns exec {ShellWords.Quote(ns)} ";
}
