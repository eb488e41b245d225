using System.Collections.Immutable;
using Topo.Core.Kinds;
using Topo.Core.Planning;
using Topo.Core.State;

namespace Topo.Linux.Kinds;

/// <summary>
/// Sysctls in their namespaces. A host sysctl's value before the first write of any lab is recorded, and
/// put back when the last lab that holds it lets go of it (<see cref="RunState.SysctlRecords"/>); a
/// namespace's sysctls go with the namespace.
/// </summary>
internal sealed class SysctlDriver : KindDriver<SysctlResource>
{
    protected override void Create(SysctlResource sysctl, KindContext x)
    {
        var sysctls = x.Pool.In(sysctl.Ns).Sysctls;
        if (sysctl.Ns.IsHost) x.SysctlRecords.RecordOnce(sysctl.Name, sysctls.Read(sysctl.Name));
        sysctls.Write(sysctl.Name, sysctl.Value);
    }

    protected override void Update(SysctlResource sysctl, ImmutableArray<AttrChange> changes, KindContext x) => Create(sysctl, x);

    protected override void Delete(SysctlResource sysctl, KindContext x)
    {
        if (!sysctl.Ns.IsHost) return;
        x.SysctlRecords.Release(sysctl.Name, previous => x.Pool.Host.Sysctls.Write(sysctl.Name, previous));
    }
}
