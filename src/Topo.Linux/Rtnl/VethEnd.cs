using Topo.Linux.Namespaces;

namespace Topo.Linux.Rtnl;

/// <summary>
/// One end of a veth pair to create: its name, the namespace it goes to (<c>null</c>: the
/// client's own), and its settings.
/// </summary>
public sealed record VethEnd(string Name, NetnsHandle? Namespace = null, LinkOptions? Options = null)
{
    public LinkOptions Settings => Options ?? LinkOptions.None;
}
