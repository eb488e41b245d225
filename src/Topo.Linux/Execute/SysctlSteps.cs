using Topo.Core.State;
using Topo.Linux.RunState;
using Topo.Linux.Namespaces;
using Topo.Core.Kinds;

namespace Topo.Linux.Execute;

/// <summary>
/// Writes sysctls in their namespaces. A host sysctl's value before the first write of any lab is
/// recorded, and put back when the last lab that holds it lets go of it (<see cref="SysctlRecords"/>);
/// a namespace's sysctls go with the namespace.
/// </summary>
internal sealed class SysctlSteps(NamespacePool pool, SysctlRecords records)
{
    public void Write(SysctlResource sysctl)
    {
        var sysctls = pool.In(sysctl.Ns).Sysctls;
        if (sysctl.Ns.Length == 0) records.RecordOnce(sysctl.Name, sysctls.Read(sysctl.Name));
        sysctls.Write(sysctl.Name, sysctl.Value);
    }

    public void Release(SysctlResource sysctl)
    {
        if (sysctl.Ns.Length != 0) return;
        records.Release(sysctl.Name, previous => pool.Host.Sysctls.Write(sysctl.Name, previous));
    }
}
