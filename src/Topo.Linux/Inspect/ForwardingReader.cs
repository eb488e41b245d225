using System.Collections.Immutable;
using Topo.Core.Export;
using Topo.Linux.Namespaces;
using Topo.Linux.Sysctl;

namespace Topo.Linux.Inspect;

/// <summary>
/// The sysctls that decide whether a namespace routes, read in each namespace of a view. Only
/// these: they are what a lab's <c>sysctls:</c> are for in practice, and reading every <c>net.</c> key would be noise.
/// </summary>
internal static class ForwardingReader
{
    public static readonly ImmutableArray<string> Keys = ["net.ipv4.ip_forward", "net.ipv6.conf.all.forwarding"];

    public static ImmutableArray<NamespaceView> Add(ImmutableArray<NamespaceView> namespaces, NamespaceThread host, NetnsDirectory directory) =>
        [.. namespaces.Select(ns => ns with { Sysctls = Read(ns.Name, host, directory) })];

    private static ImmutableSortedDictionary<string, string> Read(string ns, NamespaceThread host, NetnsDirectory directory)
    {
        var own = ns.Length == 0 ? null : directory.Open(ns);
        try
        {
            var sysctls = new Sysctls(own ?? host);
            var values = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            foreach (var key in Keys)
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
