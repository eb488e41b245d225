using Topo.Core.State;
using Topo.Core.Export;
using Topo.Core.Kinds;
using Topo.Linux.Namespaces;
using Topo.Linux.Sysctl;

namespace Topo.Linux.Read;

/// <summary>Reads the <see cref="ForwardingSysctls"/> of a namespace, on the namespace's own thread.</summary>
internal static class ForwardingReader
{
    public static List<SysctlResource> Read(Netns ns, NamespaceThread host, NetnsDirectory directory)
    {
        var own = ns.IsHost ? null : directory.Open(ns);
        try
        {
            var sysctls = new Sysctls(own ?? host);
            var values = new List<SysctlResource>();
            foreach (var key in ForwardingSysctls.Keys)
            {
                try
                {
                    values.Add(new SysctlResource(ns, key, sysctls.Read(key)));
                }
                catch (KernelException e) when (e.Errno == Errors.ENOENT)
                {
                    // IPv6 turned off in this kernel: the key is not there, and nothing forwards IPv6.
                }
            }

            return values;
        }
        finally
        {
            own?.Dispose();
        }
    }
}
