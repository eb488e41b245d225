using System.Collections.Immutable;
using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Core.Planning;

/// <summary>
/// What the kernel rewrites along with a forwarding switch: writing <c>net.ipv4.ip_forward</c> or
/// <c>net.ipv4.conf.all.forwarding</c> (<c>net.ipv6.conf.all.forwarding</c> for IPv6) sets <c>forwarding</c>
/// on every interface of the namespace. A wanted per-interface <c>forwarding</c> that is right now is
/// written again after such a switch (the dependency order puts it after), or one apply would not converge.
/// </summary>
internal static class ForwardingReset
{
    public static ImmutableArray<Change> Apply(ImmutableArray<Change> changes, ImmutableArray<InSync> unchanged)
    {
        var switched = changes.Select(c => c.After).OfType<SysctlResource>().Select(Switch).OfType<(Netns, string)>().ToHashSet();
        if (switched.Count == 0) return changes;
        var again = unchanged
            .Where(u => u.Desired is SysctlResource { Interface: not null } s && s.Name.EndsWith(".forwarding", StringComparison.Ordinal) && switched.Contains((s.Ns, Family(s))))
            .Select(u => new Change(ChangeAction.Update, u.Actual, u.Desired, []));
        return [.. changes, .. again];
    }

    // The namespace and family whose interfaces a write of the key sets, or null for any other key.
    private static (Netns Ns, string Family)? Switch(SysctlResource s) =>
        s.Name is "net.ipv4.ip_forward" or "net.ipv4.conf.all.forwarding" or "net.ipv6.conf.all.forwarding" ? (s.Ns, Family(s)) : null;

    private static string Family(SysctlResource s) => s.Name.Split('.')[1];
}
