using System.Collections.Immutable;

namespace Topo.Core.Export;

/// <summary>
/// The sysctls a read for inspect and export carries: the ones that decide whether a namespace routes. They are what a
/// lab's <c>sysctls:</c> are for in practice; every other <c>net.</c> key would be noise next to them.
/// </summary>
public static class ForwardingSysctls
{
    public static readonly ImmutableArray<string> Keys = ["net.ipv4.ip_forward", "net.ipv6.conf.all.forwarding"];
}
