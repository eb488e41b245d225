using System.Collections.Immutable;
using Topo.Core.Export;
using Topo.Linux.Namespaces;
using Topo.Linux.Sysctl;

namespace Topo.Linux.Read;

/// <summary>Reads the <see cref="ForwardingSysctls"/> in each namespace of a view, on the namespace's own thread.</summary>
internal static class ForwardingReader
{
    public static ImmutableArray<NamespaceView> Add(ImmutableArray<NamespaceView> namespaces, NamespaceThread host, NetnsDirectory directory) =>
        [.. namespaces.Select(ns => ns with { Sysctls = Read(ns.Name, host, directory) })];

    private static ImmutableSortedDictionary<string, string> Read(string ns, NamespaceThread host, NetnsDirectory directory)
    {
        var own = ns.Length == 0 ? null : directory.Open(ns);
        try
        {
            var sysctls = new Sysctls(own ?? host);
            var values = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            foreach (var key in ForwardingSysctls.Keys)
            {
                try
                {
                    values[key] = sysctls.Read(key);
                }
                catch (KernelException e) when (e.Errno == Errors.ENOENT)
                {
                    // IPv6 turned off in this kernel: the key is not there, and nothing forwards IPv6.
                }
            }

            return values.ToImmutable();
        }
        finally
        {
            own?.Dispose();
        }
    }
}
