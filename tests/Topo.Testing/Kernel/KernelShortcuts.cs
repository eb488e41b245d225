using Topo.Linux.Namespaces;
using Topo.Linux.Rtnl;

namespace Topo.Testing.Kernel;

/// <summary>Shorter ways into the engine for tests that set a kernel up or read it whole: the engine itself needs neither.</summary>
public static class KernelShortcuts
{
    /// <summary>Makes the namespace and returns a thread inside it (the thread that made it, so no setns is needed). Fails with EEXIST when the name is taken.</summary>
    public static NamespaceThread Create(this NetnsDirectory directory, string name) => directory.Create(name, thread => thread);

    public static List<AddressInfo> Addresses(this RtnlClient client) => client.StartAddresses().Collect(AddressInfo.Parse);

    public static List<RouteInfo> Routes(this RtnlClient client) => client.StartRoutes().Collect(RouteInfo.Parse);
}
